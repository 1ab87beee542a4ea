-- entities: people, organisations and places a document mentions, each with one canonical name.
--
--   local entities = require "entities"
--   for _, e in ipairs(entities.annotate(doc)) do print(e.layer, e.text, e.attrs.canonical) end
--
-- Mentions go to three layers, "person", "organization" and "place"; their attributes:
--   canonical  the entity's name: the fullest form the document uses ("Rod J. Rosenstein" for a
--              later "Rosenstein"), or a gazetteer's name ("Department of Justice" for "DOJ")
--   title      for people: the title written before the name ("Deputy Attorney General"), or
--              the description of what they do ("Union organiser", "opposition leader")
--   rule       which rule decided: "title" (after a title word or such a description),
--              "gazetteer" (a listed name or alias), "org-head" (ends in Department,
--              Committee, Inc.…, or a company's word: "Voltrex Energy"), "acronym",
--              "name-shape" (two or more capitalised words), "speaker" (one capitalised word
--              before said, told…), "camel-case" ("PolitiFact"), "alias" (one word naming an
--              entity met in the document), "repeated-name" (one word capitalised inside
--              sentences at least twice), "place-noun" (a name before ward, district…)
-- The gazetteers are plain text files in gazetteer/ (one name per line, aliases after |).

local M = {}

-- Gazetteers: lower-case name → {canonical, layer}.
local gazetteer = {}
local function load_gazetteer(file, layer)
  for line in loupe.fs.lines("gazetteer/" .. file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local canonical
      for name in line:gmatch("[^|]+") do
        canonical = canonical or name
        gazetteer[name:lower()] = {canonical = canonical, layer = layer}
      end
    end
  end
end
load_gazetteer("countries.txt", "place")
load_gazetteer("us-states.txt", "place")
load_gazetteer("cities.txt", "place")
load_gazetteer("organisations.txt", "organization")

local function set(words)
  local s = {}
  for w in words:gmatch("%S+") do s[w] = true end
  return s
end

-- Words that make the name after them a person's (compared in lower case, full stops kept).
local titles = set([[mr. mrs. ms. miss dr. prof. professor sir dame lord lady rev. president
  vice sen. senator rep. representative gov. governor lt. lieutenant attorney general gen. col.
  sgt. capt. captain officer detective judge justice secretary minister prime chancellor mayor
  chief deputy director chairman chairwoman chair speaker ambassador commissioner spokesman
  spokeswoman spokesperson candidate nominee leader king queen prince princess pope former
  acting assistant special counsel press first sheriff coach councillor councilman councilwoman
  mp msp mep congressman congresswoman senator-elect premier ceo chairperson economist]])

-- Nouns for what a person does, written in lower case before a name: "Union organiser Mikael
-- Berg", "Chief financial officer Karl Jensen", "The opposition leader, Daniel Brandt". The
-- words before such a noun describe the person (they become the title), and the name after it
-- is a person's. Only nouns for people: "the ruling party Fidesz" is not a description.
local roles = set([[organiser organizer executive officer leader scientist economist analyst
  representative member spokesman spokeswoman spokesperson fisherman judge minister secretary
  director chair chairman chairwoman president manager adviser advisor aide official candidate
  founder owner researcher professor lawyer attorney activist campaigner strategist historian
  commentator correspondent reporter editor governor senator mayor councillor negotiator
  consultant engineer chief deputy treasurer trustee steward coach worker teacher doctor nurse
  farmer]])

-- Last words of an organisation's name.
local org_heads = set([[department office agency committee commission council bureau ministry
  court association foundation institute university college school bank group company corp.
  corporation inc. ltd. llc party administration authority board service services network
  news times post journal campaign union federation alliance center centre coalition club
  hospital police army navy force forces fund trust society agency league parliament senate
  congress assembly cabinet team daily weekly magazine radio television tv guild authorities]])

-- Heads that a plural possessive may come before in one name: "Harbour Fishers’ Association",
-- "Rail Drivers’ Union", "The Bakers' Guild". Narrower than org_heads: "the Republicans’
-- Senate majority" is not a name.
local possessive_heads = set([[association union guild federation council party club league
  society alliance coalition fund trust foundation institute]])

-- Last words of companies' and schools' names that are no one's surname: "Voltrex Energy",
-- "Eastern Rail", "Hillside Primary". Only after another word: "Energy" alone names nothing.
local company_words = set([[energy rail railways marine airlines airways motors systems
  holdings partners media capital technologies solutions industries pharmaceuticals logistics
  shipping primary academy insurance telecom enterprises ventures labs]])

-- Lower-case nouns after a capitalised name that make it a place: "the Riverside ward".
local place_nouns = set([[ward district borough constituency county province parish township
  neighbourhood neighborhood]])

-- Common words that begin sentences as subjects of verbs of saying without naming anyone:
-- "People told me…", "Opponents said…". Words the document writes in lower case elsewhere are
-- treated the same way (see lower_words in M.annotate).
local common_words = set([[people officials opponents critics residents voters parents workers
  analysts experts observers supporters protesters investigators prosecutors lawyers
  economists sources witnesses others many several both neither few everyone someone nobody
  police staff members leaders teachers students doctors farmers locals]])

-- Conjunctions that end a description walked back from a role noun, as the words in
-- not_names do ("the", "of"): "because chairwoman…".
local conjunctions = set("because although though whether since until unless than while whereas")

-- Capitalised words that begin sentences or headlines without naming anything.
local not_names = set([[the a an in on at of for and but or if when while after before as by
  with from to this that these those there here it its he she they we i you his her their our
  my your what which who whom why how where some many most more all any each every no not
  yes one two three also however meanwhile still yet so then now today yesterday tomorrow
  monday tuesday wednesday thursday friday saturday sunday january february march april may
  june july august september october november december mr mrs ms dr]])

-- Verbs of saying: a capitalised word just before one is a speaker ("Flynn said").
local speech_verbs = set([[said says told added asked wrote tweeted argued noted explained
  insisted claimed stated warned replied recalled acknowledged admitted countered continued
  responded suggested urged announced declared]])

-- Words that may join the capitalised words of one name ("Department of Justice").
local connectors = set("of the for and de du von van der al bin la le y &")

local function is_capitalised(text)
  return text:find("^%u") ~= nil
end

-- A sentence's tokens as plain tables: text, lower case and capitalisation, read once.
-- `initial` marks the sentence's first word (after any opening quotation marks): its capital
-- says nothing about whether it is a name.
local function tokens_of(sentence)
  local tokens = {}
  local seen_word = false
  for t in sentence:tokens() do
    local text = t.text
    local is_word = text:find("%w") ~= nil
    tokens[#tokens + 1] = {text = text, lower = text:lower(), cap = is_capitalised(text), start = t.start, stop = t.stop,
      initial = is_word and not seen_word}
    if is_word then seen_word = true end
  end
  return tokens
end

local function is_apostrophe(token)
  return token and (token.text == "’" or token.text == "'")
end

--- Whether tokens[j] is the apostrophe of a plural possessive inside an organisation's name:
--- "Fishers’ Association" (a capitalised word ending in s, the apostrophe, a head).
local function possessive_join(tokens, j)
  local before, after = tokens[j - 1], tokens[j + 1]
  return is_apostrophe(tokens[j]) and before and before.cap and before.text:find("s$") ~= nil
    and after and after.cap and possessive_heads[after.lower] ~= nil
end

--- The runs of capitalised tokens of a sentence (connectors allowed inside), as {first, last}.
local function capitalised_runs(tokens)
  local runs, i = {}, 1
  while i <= #tokens do
    if tokens[i].cap then
      local last = i
      local j = i + 1
      while j <= #tokens do
        if tokens[j].cap then
          last = j
        elseif possessive_join(tokens, j) then
          -- "Harbour Fishers’ Association" is one name, not a person and an "Association".
          last = j + 1
          j = j + 1
        else
          -- Connectors join only when a capitalised word follows them ("Office of the Attorney").
          local k = j
          while tokens[k] and connectors[tokens[k].lower] do k = k + 1 end
          if k == j or not (tokens[k] and tokens[k].cap) then break end
          j = k - 1
        end
        j = j + 1
      end
      runs[#runs + 1] = {i, last}
      i = last + 1
    else
      i = i + 1
    end
  end
  return runs
end

local classify, split_at_and

local function words(tokens, first, last)
  local out = {}
  for k = first, last do
    local text = tokens[k].text
    -- An apostrophe stays on its word ("Fishers’ Association", "workers' representative").
    if k > first and (is_apostrophe(tokens[k]) or text == "’s" or text == "'s") then
      out[#out] = out[#out] .. text
    else
      out[#out + 1] = text
    end
  end
  -- "Rod J. Rosenstein", "Department of Justice": tokens joined by single spaces.
  return table.concat(out, " ")
end

--- Whether tokens[k] is a capitalised common word only because it begins the sentence:
--- "People told me…", "Opponents said…". `lower_words` holds the words the document writes
--- in lower case ("when a third of people vote").
local function common_initial(tokens, k, lower_words)
  local t = tokens[k]
  -- Words in not_names ("This", "However") are dropped later, singles or not.
  return t.initial and t.text:find("^%u%l+$") ~= nil and not not_names[t.lower]
    and (common_words[t.lower] or lower_words[t.lower]) ~= nil
end

--- Classifies the run tokens[first..last]: layer, first, last, attrs; or nil. `lower_words`:
--- the words the document writes in lower case.
function classify(tokens, first, last, lower_words)
  -- A possessive does not belong to the name ("Sessions’s").
  while last > first and (tokens[last].text == "'s" or tokens[last].text == "’s") do last = last - 1 end
  -- The whole run first: a listed name ("Justice Department"), or an organisation by its
  -- head ("Office of the Attorney General"), before any title word inside it is taken for one.
  local start = first
  while start < last and not_names[tokens[start].lower] do start = start + 1 end
  local whole = gazetteer[words(tokens, start, last):lower()]
  -- "U.S. Department of Justice": a place before a listed organisation.
  if not whole and last > start and gazetteer[tokens[start].lower] then
    local rest = gazetteer[words(tokens, start + 1, last):lower()]
    if rest and rest.layer == "organization" then whole = rest end
  end
  if whole then return whole.layer, start, last, {canonical = whole.canonical, rule = "gazetteer"} end
  -- "Voltrex Energy", "Eastern Rail": a company's or school's last word, after a name.
  if last > start and company_words[tokens[last].lower] and not titles[tokens[start].lower] then
    return "organization", start, last, {rule = "org-head"}
  end
  for k = start, last do
    if org_heads[tokens[k].lower] and (k == last or tokens[k + 1].lower == "of") and not titles[tokens[start].lower] then
      return "organization", start, last, {rule = "org-head"}
    end
  end
  -- A sentence's first word alone, that the document also writes in lower case, is no name
  -- ("People told me…" when "a third of people" follows). An institution's head word is
  -- still an organisation ("Police say…", "Authorities said…"): it names one, if not by name.
  if start == last and common_initial(tokens, start, lower_words) then return "single", start, last, {} end
  -- A title before the name, up to its last title word: "Deputy Attorney General Rod J.
  -- Rosenstein", "Transport Secretary Alison Reid".
  local name_first = first
  for k = last - 1, first, -1 do
    if titles[tokens[k].lower] then
      name_first = k + 1
      break
    end
  end
  local title = name_first > first and words(tokens, first, name_first - 1) or nil
  -- Leading words that only start the sentence ("The", "But").
  while name_first <= last and not_names[tokens[name_first].lower] do name_first = name_first + 1 end
  -- A possessive or trailing connector does not belong to the name.
  while last >= name_first and (connectors[tokens[last].lower] or tokens[last].text == "'s" or tokens[last].text == "’s") do last = last - 1 end
  if name_first > last then return nil end
  local text = words(tokens, name_first, last)
  local listed = gazetteer[text:lower()]
  -- "U.S. Department of Justice": a place before a listed organisation.
  if not listed and last > name_first and gazetteer[tokens[name_first].lower] then
    local rest = gazetteer[words(tokens, name_first + 1, last):lower()]
    if rest and rest.layer == "organization" then listed = rest end
  end
  if listed and not title then
    return listed.layer, name_first, last, {canonical = listed.canonical, rule = "gazetteer"}
  end
  if title and tokens[name_first].cap then
    return "person", name_first, last, {title = title, rule = "title"}
  end
  for k = name_first, last do
    if org_heads[tokens[k].lower] and (k == last or tokens[k + 1].lower == "of") then
      return "organization", name_first, last, {rule = "org-head"}
    end
  end
  local after = tokens[last + 1]
  -- "the Riverside ward": a name before a lower-case noun for an area is a place's.
  if after and place_nouns[after.text] then
    return "place", name_first, last + 1, {rule = "place-noun"}
  end
  if name_first == last then
    local word = tokens[name_first].text
    -- "WALLACE: …" in a transcript: a speaker.
    if after and after.text == ":" and word:find("^%u%u+$") then
      return "person", name_first, last, {rule = "speaker"}
    end
    if word:find("^%u%u+$") and #word <= 6 then
      return "organization", name_first, last, {rule = "acronym"}
    end
    -- "PolitiFact", "RealClearPolitics": capitals inside one word name organisations.
    if word:find("^%u%l+%u") then
      return "organization", name_first, last, {rule = "camel-case"}
    end
    -- "Flynn said": a speaker; not "People said" (see common_initial).
    if after and speech_verbs[after.lower] and not common_initial(tokens, name_first, lower_words) then
      return "person", name_first, last, {rule = "speaker"}
    end
    return "single", name_first, last, {}
  end
  return "person", name_first, last, {rule = "name-shape"}
end

--- The runs again, with those joined by "and" or "&" split in two ("Washington and New York"),
--- unless the whole is a listed name ("Bosnia and Herzegovina", "Department of Health and
--- Human Services").
function split_at_and(tokens, runs)
  local out = {}
  for _, run in ipairs(runs) do
    local first, last = run[1], run[2]
    local joined = false
    for k = first, last do
      if tokens[k].lower == "and" or tokens[k].lower == "&" then joined = true end
    end
    if joined and not gazetteer[words(tokens, first, last):lower()] then
      local from = first
      for k = first, last + 1 do
        if k > last or tokens[k].lower == "and" or tokens[k].lower == "&" then
          if k - 1 >= from then out[#out + 1] = {from, k - 1} end
          from = k + 1
        end
      end
    else
      out[#out + 1] = run
    end
  end
  return out
end

--- Whether tokens[k] may be part of a description in lower case: "financial", "workers'". Not
--- a verb we can tell ("said", "welcomed", "hires") nor a word that ends a phrase ("the").
local function description_word(tokens, k)
  local t = tokens[k]
  if is_apostrophe(t) then
    local before = tokens[k - 1]
    return before ~= nil and before.text:find("^%l+s$") ~= nil  -- "Dock workers' representative"
  end
  return t.text:find("^%l[%l%-]*$") ~= nil and not not_names[t.lower] and not speech_verbs[t.lower]
    and not conjunctions[t.lower]
    and not t.lower:find("ed$") and not (t.lower:find("s$") and not is_apostrophe(tokens[k + 1]))
end

--- The description before the name starting at tokens[first]: "Union organiser" (Mikael Berg),
--- "Chief financial officer" (Karl Jensen), "The opposition leader, Daniel Brandt". A noun
--- for what people do (roles), up to three lower-case words before it, and a capitalised word
--- before those ("Union", "Political", "Dock"): that word is part of the title, not a name of
--- its own. Returns the first and last token of the title, and the capitalised word's index
--- (or nil); nil when there is no role noun.
local function description_before(tokens, first)
  local last = first - 1
  -- "The transport minister, Simon Hale": an appositive title, before a comma.
  if tokens[last] and tokens[last].text == "," then last = last - 1 end
  local role = tokens[last]
  if not (role and roles[role.text]) then return nil end
  local from, n = last, 1
  while tokens[from - 1] and n < 4 and description_word(tokens, from - 1) do
    from = from - 1
    if not is_apostrophe(tokens[from]) then n = n + 1 end
  end
  local cap = tokens[from - 1]
  -- Not a word that only begins the sentence ("The opposition leader", "Its chair") nor a
  -- listed name ("Senate aide"), which stays a mention of its own.
  if cap and cap.text:find("^%u%l+$") and not not_names[cap.lower] and not gazetteer[cap.lower] then
    return from - 1, last, from - 1
  end
  return from, last, nil
end

--- Finds the people, organisations and places of `doc`, adds them to the layers "person",
--- "organization" and "place", and returns the new spans in document order. A second call
--- returns what the first found.
function M.annotate(doc)
  if doc:layer("person") or doc:layer("organization") or doc:layer("place") then
    local found = {}
    for _, name in ipairs{"person", "organization", "place"} do
      local layer = doc:layer(name)
      if layer then
        for span in layer do found[#found + 1] = span end
      end
    end
    table.sort(found, function(a, b) return a.start < b.start end)
    return found
  end
  -- First pass: mentions, with the single capitalised words set aside.
  local mentions, singles = {}, {}
  local surnames = {}  -- last word of a person's name → the fullest name seen
  local lower_words = {}  -- words the document writes in lower case
  for t in doc:tokens() do
    if t.text:find("^%l+$") then lower_words[t.text] = true end
  end
  for sentence in doc:sentences() do
    local tokens = tokens_of(sentence)
    local runs = split_at_and(tokens, capitalised_runs(tokens))
    -- Descriptions before names ("Union organiser Mikael Berg"): the title of the name after
    -- them; a capitalised word that begins one is set aside with the single words, so that it
    -- is a name only when the document names it elsewhere ("Trump adviser Stephen Miller").
    local descriptions, described = {}, {}
    for r, run in ipairs(runs) do
      local from, to, cap = description_before(tokens, run[1])
      if from then
        local before = runs[r - 1]
        if cap and before and before[2] == cap then
          local k = before[1]
          while k < cap and not_names[tokens[k].lower] do k = k + 1 end
          if k == cap then described[r - 1] = true end
        end
        -- The capitalised word ends a longer name ("Green Party candidate Jill Stein"): that
        -- name stays a mention, and the title is the words after it.
        if cap and not described[r - 1] then from = cap + 1 end
        descriptions[r] = words(tokens, from, to)
      end
    end
    for r, run in ipairs(runs) do
      local layer, first, last, attrs
      if described[r] then
        layer, first, last, attrs = "single", run[2], run[2], {}
      else
        layer, first, last, attrs = classify(tokens, run[1], run[2], lower_words)
      end
      -- A name after a description is a person's, the description its title.
      if descriptions[r] and (layer == "single" or layer == "person") and not described[r] then
        layer = "person"
        attrs.title = attrs.title and (descriptions[r] .. " " .. attrs.title) or descriptions[r]
        attrs.rule = "title"
      end
      if layer == "single" then
        singles[#singles + 1] = {word = tokens[first].text, start = tokens[first].start, stop = tokens[first].stop,
          initial = tokens[first].initial}
      elseif layer then
        local name = words(tokens, first, last)
        mentions[#mentions + 1] = {layer = layer, start = tokens[first].start, stop = tokens[last].stop, name = name, attrs = attrs}
        if layer == "person" then
          local surname = tokens[last].text
          if not surnames[surname] or #name > #surnames[surname] then surnames[surname] = name end
        end
      end
    end
  end
  -- Second pass: one capitalised word naming a person or listed organisation met elsewhere,
  -- or a word capitalised inside sentences again and again ("by Sessions that …"): a surname
  -- the document never spells out (words for nationalities aside: "American", "Chinese").
  local inside = {}
  for _, single in ipairs(singles) do
    if not single.initial then inside[single.word] = (inside[single.word] or 0) + 1 end
  end
  for word, n in pairs(inside) do
    if n >= 2 and not surnames[word] and not gazetteer[word:lower()] and #word >= 3 and not word:find("^%u+$")
        and not (word:find("an$") or word:find("ans$") or word:find("ese$") or word:find("ish$")) then
      surnames[word] = word
      inside[word] = "name"
    end
  end
  for _, single in ipairs(singles) do
    local listed = gazetteer[single.word:lower()]
    if inside[single.word] == "name" then
      mentions[#mentions + 1] = {layer = "person", start = single.start, stop = single.stop, name = single.word,
        attrs = {rule = "repeated-name"}}
    elseif surnames[single.word] then
      mentions[#mentions + 1] = {layer = "person", start = single.start, stop = single.stop, name = single.word,
        attrs = {rule = "alias"}}
    elseif listed then
      mentions[#mentions + 1] = {layer = listed.layer, start = single.start, stop = single.stop, name = single.word,
        attrs = {canonical = listed.canonical, rule = "gazetteer"}}
    end
  end
  table.sort(mentions, function(a, b) return a.start < b.start end)
  local found = {}
  for _, m in ipairs(mentions) do
    if m.layer == "person" then
      local surname = m.name:match("(%S+)$")
      m.attrs.canonical = m.attrs.canonical or surnames[surname] or m.name
      -- "Okafor said", after "Mary Okafor": what links it is the name met before.
      if m.attrs.rule == "speaker" and m.attrs.canonical ~= m.name then m.attrs.rule = "alias" end
    else
      m.attrs.canonical = m.attrs.canonical or m.name
    end
    found[#found + 1] = doc:annotate(m.layer, m.start, m.stop, m.attrs)
  end
  return found
end

return M
