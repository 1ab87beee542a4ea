-- quotes: who is quoted, saying what. Direct quotes with their cue and speaker, and indirect
-- ("X said that …") quotes as a second kind.
--
--   local quotes = require "quotes"
--   for _, q in ipairs(quotes.annotate(doc)) do print(q.attrs.speaker_name, q.text) end
--
-- Every quote becomes a span of the layer "quote" with the attributes
--   kind           "direct" (in quotation marks) or "indirect" (reported: "X said that …")
--   parts          the parts of a quote split around its speaker, {{start, stop}, …} (byte
--                  positions); a quote in one piece has one part
--   texts          the text of each part
--   cue, cue_start, cue_stop            the cue ("said", "according to", ":")
--   speaker, speaker_start, speaker_stop  the speaker mention as written ("he", "the attorney
--                  general", "Rod J. Rosenstein")
--   speaker_name   the name the speaker resolves to: a pronoun or a description is replaced by
--                  the nearest fitting earlier proper name
--   speaker_title  the title or job written before the name ("Finance Minister"), not part of
--                  speaker_name
--   speaker_rule   how speaker_name was found: "name", "pronoun-resolved",
--                  "description-resolved", "unresolved"
--   rule           which rule attributed the quote: "cue-after", "cue-before",
--                  "previous-sentence", "colon", "according-to", "dash", "carried-over",
--                  "indirect-that", "indirect-after", "indirect-according-to", or
--                  "unattributed" (see the README for what each reads)
--   part_rules     the rule for each part: a quote that goes on after a sentence or a
--                  paragraph with the same cue ("previous-sentence", "carried-over") is
--                  joined to the quote before it as a further part
--   multi_paragraph  true for a quote whose paragraphs open without closing
--   unclosed       true when the closing mark is missing (the quote ends with its paragraph)
--   quoted         for an indirect quote that holds words in quotation marks (a mixed quote:
--                  told them that “we need to move faster,”), those words, verbatim
-- Positions are 1-based byte positions in doc.text: doc:span(a, b) makes a span of them.
-- The speaker mentions also go to a layer "speaker" (once each), with the attributes name
-- (speaker_name), speaker_rule, and direct and indirect (how many quotes of each kind).

local M = {}

local function set(list)
  local s = {}
  for _, w in ipairs(list) do s[w] = true end
  return s
end

--- Options. double_apostrophe: read two apostrophes ('') as a quotation mark, as some
--- newspaper archives write it (off by default: PolNeAR's gold counts only “…” and "…").
--- Read them as `quotes.options`; change them with `quotes.configure{…}` (a plugin's tables
--- are read-only to scripts and other plugins).
M.options = {double_apostrophe = false}

--- Sets options: `quotes.configure{double_apostrophe = true}`. Returns the options before.
function M.configure(options)
  local before = {}
  for name, value in pairs(options) do
    if M.options[name] == nil then error("quotes.configure: no option '" .. tostring(name) .. "'", 2) end
    before[name] = M.options[name]
    M.options[name] = value
  end
  return before
end

--- Cue words (lower case): verbs of saying, in the forms news uses.
M.cues = set{
  "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes",
  "explained", "explains", "continued", "continues", "noted", "stated",
  "argued", "argues", "claimed", "claims", "declared", "insisted", "insists", "replied",
  "responded", "tweeted", "posted", "recalled", "warned", "warns", "acknowledged", "admitted",
  "announced", "suggested", "joked", "quipped", "conceded", "cautioned", "complained",
  "contended", "countered", "emphasized", "emphasised", "observed", "predicted", "remarked",
  "testified", "vowed", "yelled", "shouted", "exclaimed", "concluded", "agreed", "saying",
  "telling", "adding", "asking", "writing", "noting", "arguing", "reported", "reports",
  "stressed", "pointed", "explaining", "mused", "boasted", "charged", "declaring", "tweeting",
  "read", "reads", "concludes", "questioned", "jokes", "replies", "responds", "recalls", "urged",
  "demanded", "pleaded", "cried", "screamed", "chanted", "promised", "thundered", "declares",
  "observes", "complains", "predicts", "admits", "acknowledges", "asserted", "asserts", "opined",
  "scoffed", "laughed", "sighed", "groused", "wondered", "marveled", "mocked", "teased", "gushed",
  "lamented", "retorted", "interjected", "elaborated", "reasoned", "speculated", "confided",
  "confirmed", "denied", "alleged", "whispered", "shouted", "announces", "tweets", "posts",
}
--- Cues that introduce indirect speech ("X said that …"); a subset of the above.
M.indirect_cues = set{
  "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "noted", "notes",
  "stated", "argued", "argues", "claimed", "insisted", "insists", "warned", "warns",
  "acknowledged", "admitted", "announced", "suggested", "conceded", "contended", "predicted",
  "testified", "vowed", "stressed", "explained", "reported", "added",
  "believes", "believe", "believed", "thinks", "think", "thought", "expects", "expect",
  "expected", "hopes", "hope", "hoped", "fears", "feared", "knows", "knew", "feels", "felt",
  "shows", "showed", "show", "found", "finds", "indicated", "indicates", "suggests", "suggest",
  "agreed", "agrees", "denied", "denies", "promised", "promises", "confirmed", "confirms",
  "saying", "adding", "arguing", "noting", "claiming", "warning", "insisting", "telling",
  "explaining", "suggesting",
}
-- Verbs after "it" that make "said it …" a clause rather than an object.
local clause_verbs = set{"was", "is", "would", "will", "had", "has", "could", "might", "may", "should", "did", "does", "can", "must"}
-- Participles whose speaker is the subject of the sentence.
local participles = set{"saying", "adding", "arguing", "noting", "claiming", "warning", "insisting", "telling", "explaining", "suggesting"}
-- Cues that take a clause without "that" ("she said the bridge would open").
local bare_clause_cues = set{"said", "says", "say", "told", "tells", "added", "adds", "argued", "argues", "insisted", "insists", "claimed", "warned", "warns", "predicted", "acknowledged", "admitted", "noted",
  "believes", "believe", "believed", "thinks", "think", "thought", "expects", "hopes", "hope", "fears", "knows", "knew", "feels", "felt", "shows", "showed", "show", "found", "finds",
  "saying", "adding", "arguing", "noting", "claiming", "warning", "insisting"}
M.pronouns = set{"he", "she", "they", "i", "we", "it", "you", "his", "her"}
local person_pronouns = set{"he", "she", "i", "his", "her"}
-- Heads of descriptions of people ("the attorney general", "a spokeswoman"): only these
-- resolve to the nearest name when no earlier mention ties the description to one.
M.person_heads = set{
  "spokesman", "spokeswoman", "spokesperson", "senator", "official", "minister", "secretary",
  "president", "candidate", "governor", "mayor", "attorney", "general", "chief", "director",
  "adviser", "advisor", "aide", "leader", "chairman", "chairwoman", "chair", "nominee", "judge",
  "lawyer", "manager", "founder", "executive", "ceo", "businessman", "businesswoman", "man",
  "woman", "congressman", "congresswoman", "lawmaker", "representative", "speaker", "coach",
  "economist", "analyst", "professor", "strategist", "pollster", "commissioner", "ambassador",
  "father", "mother", "son", "daughter", "wife", "husband", "host", "star", "actor", "actress",
}
-- Words skipped between a speaker and its cue ("Smith also said", "he has said").
local skippable = set{
  "also", "later", "then", "has", "had", "have", "once", "previously", "reportedly", "repeatedly",
  "recently", "would", "will", "just", "again", "further", "earlier", "now", "still", "often",
  "simply", "flatly", "quickly", "bluntly", "famously", "publicly", "privately", "even", "who",
}
-- Words that end a speaker mention on its left.
local np_stops = set{
  "and", "but", "that", "which", "when", "while", "after", "before", "as", "because", "if",
  "than", "so", "where", "though", "although", "since", "until", "in", "on", "at", "for", "with",
  "by", "from", "to", "into", "about", "over", "under", "what", "how", "why", "or", "nor", "yet",
  "is", "was", "were", "are", "be", "been", "not", "this", "these", "those",
}
-- Words that end a speaker mention on its right ("said Smith in an interview").
local right_stops = set{
  "in", "on", "at", "for", "with", "by", "from", "to", "about", "during", "after", "before",
  "that", "and", "but", "when", "while", "as", "who", "which", "last", "this", "on", "earlier",
  "yesterday", "today", "tuesday", "monday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
-- Capitalised words that are not names.
local not_names = set{
  "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But", "And",
  "This", "That", "These", "Those", "His", "Her", "Their", "Our", "My", "Its", "If", "When",
  "While", "After", "Before", "As", "So", "Yet", "Or", "For", "With", "From", "To", "By", "Of",
  "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Monday", "Tuesday", "Wednesday",
  "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
  "June", "July", "August", "September", "October", "November", "December", "There", "Here",
  "What", "Why", "How", "Who", "Where", "Some", "Many", "Most", "All", "No", "Not", "One", "Now",
  "Still", "Then", "According", "Asked", "Speaking", "Also", "Even", "Just", "Both", "Each",
  "During", "Once", "Although", "Because", "Since", "Until", "Despite", "Under", "Over", "Last",
  "Next", "Earlier", "Later", "Instead", "However", "Meanwhile", "Today", "Yesterday", "Tomorrow",
  "American", "Americans", "Republican", "Republicans", "Democrat", "Democrats", "Democratic",
  "GOP", "U.S.", "US", "America", "United", "States", "Washington", "President", "Sen.", "Rep.",
  "Gov.", "Secretary", "General", "Attorney", "Senator", "Governor", "Congress", "Senate", "House",
  "White", "TV", "CNN", "Fox", "News", "Twitter", "Facebook", "Thanks", "Yes", "Well", "Oh",
}
-- Heads of organisation names: a mention ending with one is no person.
local org_heads = set{
  "Department", "Party", "Committee", "Inc.", "Inc", "University", "News", "Times", "Post",
  "House", "Senate", "Congress", "Campaign", "Association", "Council", "Agency", "Office",
  "Court", "Commission", "Bureau", "Institute", "Foundation", "Center", "Centre", "Group",
  "Company", "Corp.", "Administration", "Union", "Service", "Network", "Journal", "Report",
  "Club", "Board", "Fund", "Bank", "Ministry", "Police", "Church", "School", "College",
  "Street", "Road", "Avenue", "Square", "Park", "Bridge", "River", "Lake", "Hall", "Stadium",
  "Airport", "Station", "Hospital", "City", "County", "State", "Island", "Islands", "Coalition",
  "Cup", "Rights", "League", "Championship", "Open", "Games", "Awards", "Festival", "Street.",
  "Agency", "Authority", "Trust", "Council", "Organisation", "Organization", "Federation",
  "Security", "Services", "Affairs", "Justice", "Defense", "Defence", "Health", "Reserve",
  "Relations", "Intelligence", "Forces", "Guard", "Army", "Navy", "Force", "Nations", "Kingdom",
  "Republic", "Democrats", "Republicans", "Party", "Media", "Press", "Review", "Magazine",
}
local female_titles = set{"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Madam"}
local male_titles = set{"Mr.", "Mr", "Sir"}
-- Titles written before a name: "Attorney General Jeff Sessions", "Sen. Ted Cruz".
local titles = set{
  "President", "Sen.", "Senator", "Rep.", "Representative", "Gov.", "Governor", "Secretary",
  "General", "Attorney", "Judge", "Justice", "Mayor", "Dr.", "Prof.", "Professor", "Gen.",
  "Minister", "Chancellor", "Speaker", "Leader", "Director", "Chairman", "Chairwoman", "Chief",
  "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Lt.", "Col.", "Sgt.", "Capt.", "Adm.", "Rev.",
  "Vice", "Deputy", "Commissioner", "Ambassador", "Pope", "King", "Queen", "Prince", "Lord",
  "Councillor", "Councilor", "Councilman", "Councilwoman", "Alderman", "Former", "former",
}

-- Quotation marks: their bytes, and whether they open, close, or depend on the context.
local marks = {
  ['"'] = "either", ["''"] = "either", ["\226\128\156"] = "open", ["\226\128\157"] = "close",
  ["\226\128\158"] = "open", ["\194\171"] = "open", ["\194\187"] = "close",
  ["\226\128\159"] = "open",
}

local function is_space(c) return c == "" or c:find("^%s") ~= nil end
local function is_word(c) return c ~= "" and c:find("^[%w\128-\255]") ~= nil end
-- The character before byte p and the one after byte q of text (one byte; good enough to
-- tell a space, a letter or punctuation apart; non-breaking spaces count as letters, so they
-- are read as UTF-8).
local function before(text, p)
  if p <= 1 then return "" end
  local c = text:sub(p - 1, p - 1)
  if c:byte() >= 128 then
    local s = p - 1
    while s > 1 and text:byte(s) >= 128 and text:byte(s) < 192 do s = s - 1 end
    local u = text:sub(s, p - 1)
    if u == "\194\160" then return " " end
    if u == "\226\128\148" or u == "\226\128\147" then return "(" end  -- a dash opens
    return u
  end
  return c
end
local function after(text, q)
  local c = text:sub(q + 1, q + 1)
  if c ~= "" and c:byte() >= 192 then
    local u = text:match("^[\192-\255][\128-\191]*", q + 1)
    if u == "\194\160" then return " " end
    return u
  end
  return c
end

--- The quotation marks of the text, in order: {pos, stop, role} with role "open" or "close".
local function find_marks(text)
  local found = {}
  local init = 1
  local double = M.options.double_apostrophe
  local class = double and "['\"\194\226]" or '["\194\226]'
  while true do
    local p = text:find(class, init)
    if not p then break end
    local b = text:byte(p)
    local len = b == 34 and 1 or b == 39 and 2 or b == 194 and 2 or 3
    local ch = text:sub(p, p + len - 1)
    local role = marks[ch]
    if b == 39 and ch ~= "''" then role, len = nil, 1 end
    if role then
      local prev, nxt = before(text, p), after(text, p + len - 1)
      local space_before = is_space(prev) or prev:find("^[%(%[{/]") ~= nil
      local space_after = is_space(nxt) or (not is_word(nxt) and nxt ~= "'" and nxt ~= "\226\128\152")
      if role == "either" then
        if space_before and not space_after then role = "open"
        elseif space_after and not space_before then role = "close"
        else role = "either" end
      elseif role == "open" and not space_before and space_after and ch ~= "\194\171" then
        role = "open-or-close"  -- „…“ (German), or “ written for ”
      elseif role == "close" and space_before and not space_after then
        role = "close-or-open"  -- » … « (reversed guillemets), or ” written for “
      end
      found[#found + 1] = {pos = p, stop = p + len - 1, role = role}
    end
    init = p + len
  end
  return found
end

-- Trims spaces at both ends of text[a..b]: the trimmed a, b.
local function trim(text, a, b)
  while a <= b and text:sub(a, a):find("%s") do a = a + 1 end
  while b >= a and text:sub(b, b):find("%s") do b = b - 1 end
  if text:sub(b - 1, b) == "\194\160" then b = b - 2 end
  return a, b
end

--- Pairs the marks paragraph by paragraph into quoted segments {start, stop, para,
--- multi_paragraph, unclosed}. A paragraph that ends inside a quote continues it when the next
--- paragraph opens with a mark; otherwise the quote ends with its paragraph.
local function segments(text, paras, found)
  local out = {}
  local k = 1
  local open = nil  -- the open segment
  for pi, para in ipairs(paras) do
    local first = true
    while k <= #found and found[k].pos <= para.stop do
      local m = found[k]
      k = k + 1
      if m.pos >= para.start then
        local role = m.role
        if first and open and m.pos == para.start and role ~= "close" then
          -- the paragraph reopens the quote the previous one left open
          open.multi_paragraph = true
        elseif role == "open" or (not open and (role == "open-or-close" or role == "close-or-open")) then
          if open then
            -- an opening mark inside an open quote: the last one lacked its closing mark
            local a, b = trim(text, open.start, m.pos - 1)
            open.stop, open.unclosed = b, true
            out[#out + 1] = open
          end
          open = {start = m.pos, para = pi, first_para = pi}
        elseif role == "close" or role == "open-or-close" or role == "close-or-open" then
          if open then
            open.stop, open.para = m.stop, pi
            out[#out + 1] = open
            open = nil
          end  -- a closing mark with nothing open is stray: ignored
        else  -- a straight mark that could be either
          if open then
            open.stop, open.para = m.stop, pi
            out[#out + 1] = open
            open = nil
          else
            open = {start = m.pos, para = pi, first_para = pi}
          end
        end
        first = false
      end
    end
    if open then
      local nxt = paras[pi + 1]
      local m = found[k]
      if not (nxt and m and m.pos == nxt.start and m.role ~= "close") then
        local _, b = trim(text, open.start, para.stop)
        open.stop, open.para, open.unclosed = b, pi, true
        out[#out + 1] = open
        open = nil
      end
    end
  end
  return out
end

-- Tokens of a paragraph as plain tables {text, lower, start, stop}, read once.
local function para_tokens(span)
  local list = {}
  for t in span:tokens() do
    local text = t.text
    list[#list + 1] = {text = text, lower = text:lower(), start = t.start, stop = t.stop}
  end
  return list
end

local function is_cap(tok) return tok and tok.text:find("^[%u]") ~= nil end
local appositive_name, plural_possessive
-- Punctuation: no letter or digit (curly quotes and dashes, three bytes from \226, count as
-- punctuation; other non-ASCII characters as letters).
local function is_punct(tok)
  return tok and not tok.text:find("[%w\195-\225\227-\244]") and not tok.text:find("\226[^\128]") end
local function is_mark(tok) return tok and marks[tok.text] ~= nil end
local function ends_sentence(tok) return tok and (tok.text == "." or tok.text == "!" or tok.text == "?") end
-- Whether token k ends a sentence: a full stop after "R-Fla" or an initial does not.
local function ends_at(toks, k)
  local t = toks[k]
  if not ends_sentence(t) then return false end
  local p = toks[k - 1]
  if t.text == "." and p and (p.text:find("^%u$") or p.text:find("^%u[%a]*%-%u[%a%.%-]*$")) then return false end
  return true
end
local dashes = {["―"] = true, ["—"] = true, ["–"] = true}

local preps = set{"at", "in", "on", "during", "for", "with", "after", "before", "by", "from", "over", "under", "into", "about"}
-- Prepositions that also start a clause ("after an inquiry found that …").
local clause_preps = set{"after", "before"}
-- Groups of people named by where they are or come from ("parents at Hillside Primary").
local group_preps = set{"at", "from", "in", "for", "of"}
local group_heads = set{
  "parents", "officials", "residents", "workers", "teachers", "members", "experts", "staff",
  "doctors", "nurses", "students", "employees", "researchers", "scientists", "investigators",
  "economists", "analysts", "executives", "managers", "leaders", "lawmakers", "sources",
  "critics", "opponents", "supporters", "voters", "farmers", "owners", "people", "spokesmen",
}
local determiners = set{"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those", "some", "many", "several", "one", "two", "three", "other", "another", "both"}

-- Whether token k is the apostrophe of a plural possessive inside a name: "The Bakers' Guild",
-- "the Rail Drivers’ Union" (the tokenizer splits it off).
function plural_possessive(toks, k)
  local t, p, n = toks[k], toks[k - 1], toks[k + 1]
  return t ~= nil and (t.text == "'" or t.text == "’") and is_cap(p) and p.text:find("s$") ~= nil and is_cap(n)
end

-- Words that start a description of a person before an appositive name ("The opposition
-- leader, Daniel Brandt,", "Its chair, Ahmed Saleh,").
local description_starts = set{"the", "a", "an", "its", "his", "her", "their", "our"}

--- "The opposition leader, Daniel Brandt, said", "Its chair, Ahmed Saleh, said", "The inquiry's
--- chair, retired judge Ines Moreau, said": a name between commas after a description of a
--- person is the speaker; the description only says who the name is. Token j is the comma
--- after the name; returns the name's first and last token, or nil.
function appositive_name(toks, j, floor)
  if not (toks[j] and toks[j].text == ",") then return nil end
  local e = j - 1
  if e < floor or not is_cap(toks[e]) or not_names[toks[e].text] then return nil end
  local a = e  -- back over the capitalised words (and initials: "Rod J. Rosenstein")
  while a - 1 >= floor and ((is_cap(toks[a - 1]) and not not_names[toks[a - 1].text])
    or (toks[a - 1].text == "." and toks[a - 2] and toks[a - 2].text:find("^%u$"))) do a = a - 1 end
  local k = a - 1  -- back over a job in lower case ("retired judge")
  while k >= floor and k > a - 4 and not is_cap(toks[k]) and not is_punct(toks[k]) and not np_stops[toks[k].lower] do k = k - 1 end
  if k < floor or toks[k].text ~= "," then return nil end
  -- the description: a lower-case head ("leader", "chair") after a determiner or possessive
  -- that opens the clause
  local head = toks[k - 1]
  if not head or k - 1 < floor or is_cap(head) or is_punct(head) then return nil end
  for d = k - 1, math.max(floor, k - 6), -1 do
    local t = toks[d]
    if description_starts[t.lower] then
      local p = toks[d - 1]
      if d == floor or not p or p.text == "," or ends_sentence(p) then return a, e end
      return nil
    end
    if is_punct(t) and t.text ~= "'s" and t.text ~= "’s" then return nil end
  end
  return nil
end

--- The speaker mention that ends at token j (walking left): first, last token index, or nil.
local function np_left(toks, j, floor, depth)
  depth = depth or 0
  while j >= floor and (skippable[toks[j].lower] or toks[j].lower:find("^%l+ly$")) do j = j - 1 end
  if j < floor then return nil end
  -- "The opposition leader, Daniel Brandt, said": the name set off after a description
  local na, nb = appositive_name(toks, j, floor)
  if na then return na, nb end
  -- "Smith, a spokesman for the campaign, said": skip the appositive back to the name
  if toks[j].text == "," and toks[j - 1] and j - 1 >= floor and toks[j - 1].text == ")" then
    j = j - 1  -- "Gov. John Kasich (R-OH), said"
  end
  if toks[j].text == "," then
    local k = j - 1
    while k >= floor and toks[k].text ~= "," and not is_mark(toks[k]) and k > j - 20 do k = k - 1 end
    if k >= floor and toks[k].text == "," and k - 1 >= floor and not is_punct(toks[k - 1]) then
      j = k - 1
    else
      return nil
    end
  end
  if toks[j].text == ")" then  -- "Hakeem Jeffries (D-N.Y.) said"
    local k = j
    while k > floor and toks[k].text ~= "(" do k = k - 1 end
    if toks[k].text == "(" then j = k - 1 else return nil end
  end
  if j < floor or is_punct(toks[j]) and toks[j].text ~= "." or np_stops[toks[j].lower] then return nil end
  local i = j
  while i - 1 >= floor and i > j - 6 do
    local t = toks[i - 1]
    if np_stops[t.lower] or (is_punct(t) and t.text ~= "." and t.text ~= "-" and t.text ~= "’s" and t.text ~= "'s"
        and not plural_possessive(toks, i - 1))
      or M.cues[t.lower] or ends_sentence(t) and not is_cap(toks[i]) then break end
    if t.text == "." and not (toks[i - 2] and toks[i - 2].text:find("^%u%a?$")) then break end
    -- a lower-case word before a name is not part of it ("then Trump said"), unless it
    -- starts a description ("the attorney general")
    if not is_cap(t) and is_cap(toks[i]) and not (t.lower == "the" or t.lower == "a" or t.lower == "an")
      and not plural_possessive(toks, i - 1) then break end
    i = i - 1
  end
  local prep = toks[i - 1]
  -- "Parents at Hillside Primary said", "officials at the ministry said": the group the
  -- phrase belongs to is the speaker, with the phrase that says which
  if prep and i - 2 >= floor and group_preps[prep.lower] and group_heads[toks[i - 2].lower] then
    local a = np_left(toks, i - 2, floor, depth + 1)
    if a then return a, j end
  end
  -- "Sessions at one point told": a phrase after a preposition is no speaker; look before it.
  -- Not after "after" or "before" that start a clause: in "two days after an inquiry found",
  -- "an inquiry" is the subject of "found".
  if prep and i - 1 > floor and preps[prep.lower] and not clause_preps[prep.lower]
    and not is_cap(toks[i]) and not M.pronouns[toks[i].lower] and depth < 2 then
    return np_left(toks, i - 2, floor, (depth or 0) + 1)
  end
  -- a phrase in lower case must start with a determiner ("the attorney general"), or be short
  if not is_cap(toks[i]) and not M.pronouns[toks[i].lower] then
    local k = i
    while k <= j and not determiners[toks[k].lower] do k = k + 1 end
    if k <= j then i = k elseif j - i >= 2 then return nil end
  end
  return i, j
end

--- The speaker mention that starts at token i (walking right): first, last, or nil.
local function np_right(toks, i, ceil)
  if i > ceil or is_punct(toks[i]) or right_stops[toks[i].lower] then return nil end
  local j = i
  while j + 1 <= ceil and j < i + 6 do
    local t = toks[j + 1]
    if right_stops[t.lower] or M.cues[t.lower] or (is_punct(t) and t.text ~= "-" and t.text ~= "." and t.text ~= "’s"
        and not plural_possessive(toks, j + 1))
      or (t.text == "." and ends_at(toks, j + 1)) then break end
    j = j + 1
  end
  return i, j
end

--- The subject of a clause toks[a..b]: its first name or pronoun (after an opening phrase
--- such as "On Tuesday,"), with the capitalised words that follow it: first, last, or nil.
local function subject(toks, a, b)
  for k = a, b do
    local t = toks[k]
    if M.pronouns[t.lower] and t.lower ~= "it" and t.lower ~= "you" then return k, k end
    if k == a and (t.lower == "his" or t.lower == "her") then return k, k end  -- "Her answer: …"
    if k == a and (t.lower == "the" or t.lower == "a" or t.lower == "an") then
      -- "The harbour master was blunt: …"
      local e = k
      while e + 1 <= b and e < k + 5 and not np_stops[toks[e + 1].lower] and not is_punct(toks[e + 1])
        and not M.cues[toks[e + 1].lower] and not toks[e + 1].text:find("^%d")
        and not (e > k + 1 and toks[e + 1].lower:find("ed$")) do e = e + 1 end
      if e > k and e < b then return k, e end
    end
    local shouting = t.text:find("^%u%u+$") and (k == a or toks[k - 1].text:find("^%u%u+$") or toks[k + 1] and toks[k + 1].text:find("^%u%u+$"))
    if not shouting and (is_cap(t) and not not_names[t.text] or (titles[t.text] and is_cap(toks[k + 1]))) then
      local e = k
      while e + 1 <= b and (is_cap(toks[e + 1]) or toks[e + 1].lower == "of" and is_cap(toks[e + 2])
        or toks[e + 1].text == "." ) do e = e + 1 end
      if toks[e + 1] and toks[e + 1].text == "’s" then
        -- "Trump’s spokeswoman": the head after the possessive
        local h = e + 2
        while h + 1 <= b and not is_punct(toks[h + 1]) and not np_stops[toks[h + 1].lower] and h < e + 4 do h = h + 1 end
        return k, h
      end
      return k, e
    end
  end
  return nil
end

local find_cue
local before_quote
local told_content
local title_before

--- Whether toks[a..b] reads as a clause: it has a finite verb among its first words (an
--- auxiliary or a past tense). "…, adding the line would close" reports speech; "…, adding
--- roughly 12,000 children to the programme" adds something.
local finite_verbs = set{"was", "is", "were", "are", "would", "will", "had", "has", "have", "could", "might", "may", "should", "did", "does", "can", "must"}
local function has_verb(toks, a, b)
  for k = a + 1, math.min(b, a + 8) do
    local w = toks[k].lower
    if finite_verbs[w] or (w:find("%l%led$") and not determiners[toks[k - 1].lower]) then return true end
  end
  return false
end

--- "Mikael Berg welcomed the jobs but said …": the speaker of a cue after "but" or "and" is
--- the subject of the clause's first verb, a word in -ed right after a name or a pronoun
--- (toks[1..b]): first, last token, or nil.
local function first_verb_subject(toks, b)
  for k = 2, b do
    local t, p = toks[k], toks[k - 1]
    if is_punct(t) and t.text ~= "." then return nil end
    if not is_cap(t) and t.lower:find("%l%led$") and ((is_cap(p) and not not_names[p.text])
        or (M.pronouns[p.lower] and p.lower ~= "it" and p.lower ~= "his" and p.lower ~= "her")) then
      return np_left(toks, k - 1, 1)
    end
  end
  return nil
end

-- Whether a token can open a clause after "told <audience>": a subject (a pronoun, a
-- determiner, a name, a number, "there"), not a preposition ("outside the chamber").
local function starts_clause(tok)
  local w = tok.lower
  if preps[w] or right_stops[w] or is_punct(tok) then return false end
  return M.pronouns[w] or determiners[w] or w == "there" or w:find("^%d") ~= nil
    or (is_cap(tok) and not not_names[tok.text]) or false
end
local wh_words = set{"how", "what", "why", "whether"}

--- Where the content of "told <audience> …" starts, for the cue at token c (no "that" close
--- after it): the token index, or nil when no content follows. The audience is a word or a
--- name, after a determiner ("told reporters", "told a rally", "told The Huffington Post");
--- the content a clause right after it ("told reporters the plan would fail"), an
--- instruction ("told supporters at a rally to vote"), a question ("told the host how …") or a
--- clause with a pronoun subject further on. A place or time after the audience ("told
--- reporters outside the chamber", "told a rally at the gates") is no content.
function told_content(toks, c, lastc)
  local k = c + 1
  if toks[k] and determiners[toks[k].lower] then k = k + 1 end
  if is_cap(toks[k]) then
    while toks[k + 1] and (is_cap(toks[k + 1]) or toks[k + 1].text == "’s" or toks[k + 1].text == "'s") do k = k + 1 end
  end
  k = k + 1
  if k > lastc then return nil end
  if starts_clause(toks[k]) then return k end
  for j = c + 1, math.min(c + 14, lastc - 1) do
    local w, nx = toks[j], toks[j + 1]
    if is_punct(w) and not is_mark(w) and w.text ~= "’s" and w.text ~= "'s" then return nil end
    if j >= k then
      if wh_words[w.lower] then return j end
      if w.lower == "to" and nx and (not is_punct(nx) or is_mark(nx)) and not determiners[nx.lower] and not is_cap(nx)
        and not nx.text:find("^%d") then return j end
      if M.pronouns[w.lower] and not (w.lower == "his" or w.lower == "her" or w.lower == "it" or w.lower == "you") then return j end
    end
  end
  return nil
end

--- The speaker and cue before a quote that starts at token qa, in its sentence: speaker
--- first and last token, cue first and last token, rule; or nil.
function before_quote(toks, qa)
  if qa <= 1 or is_mark(toks[qa - 1]) then return nil end
  -- a quote that opens a sentence: the speaker of a cue in the sentence before it
  -- ("Smith was blunt about the plan. “It will fail.”")
  local previous = ends_sentence(toks[qa - 1])
  if previous then
    local a, b, c, cb, rule = before_quote(toks, qa - 1)
    if a and rule ~= "colon" and rule ~= "previous-sentence" then return a, b, c, cb, "previous-sentence" end
    return nil
  end
  local floor = qa - 1
  while floor - 1 >= 1 and not ends_sentence(toks[floor - 1]) and not is_mark(toks[floor - 1]) and floor > qa - 40 do
    floor = floor - 1
  end
  if not (qa - 1 >= floor and qa - 1 >= 1) then return nil end
  local colon = toks[qa - 1].text == ":"
  local c, cb, according = find_cue(toks, floor, qa - 1, true)
  local a, b, rule
  if c and according then
    a, b = np_right(toks, cb + 1, qa - 1)
    rule = "according-to"
  elseif c then
    if toks[c].lower:find("ing$") then
      -- "Obama ended his speech by saying, …": the subject of the sentence
      a, b = subject(toks, floor, c - 1)
    else
      a, b = np_left(toks, c - 1, floor)
      if not a and c == floor then a, b = np_right(toks, cb + 1, qa - 1) end  -- Said Comey, …
      if not a then a, b = subject(toks, floor, c - 1) end  -- He laughed and said, …
    end
    rule = colon and "colon" or "cue-before"
  elseif colon or (toks[qa - 1].text == "," and qa - 2 >= floor and not is_cap(toks[qa - 2]) and not is_punct(toks[qa - 2])) then
    -- "The senator's answer: …", "He jokes, …", "Hillary shot back, …": the name or pronoun
    -- right before the verb, else the subject of the clause
    if not colon then
      for k = qa - 3, math.max(floor, qa - 5), -1 do
        local t = toks[k]
        if is_punct(t) or np_stops[t.lower] then break end
        if (is_cap(t) and not not_names[t.text]) or M.pronouns[t.lower] then
          a, b = np_left(toks, k, floor)
          break
        end
      end
    end
    if not a then a, b = subject(toks, floor, qa - 2) end
    if colon then
      c, cb, rule = qa - 1, qa - 1, "colon"
    else
      c, cb, rule = qa - 2, qa - 2, "cue-before"
      if a and b >= qa - 3 then a = nil end  -- the verb must follow its subject
    end
  end
  if a then return a, b, c, cb, rule end
  return nil
end

--- Token index of a cue among toks[a..b] (first from the left, or the last when from_right),
--- and the cue's last token ("according to" is two): index, last; or nil.
function find_cue(toks, a, b, from_right)
  local step = from_right and -1 or 1
  local i, stop = a, b
  if from_right then i, stop = b, a end
  while (step == 1 and i <= stop) or (step == -1 and i >= stop) do
    local t = toks[i]
    if t.lower == "according" and toks[i + 1] and toks[i + 1].lower == "to" then return i, i + 1, true end
    if M.cues[t.lower] then return i, i end
    i = i + step
  end
  return nil
end

-- Index of the first token starting at or after byte p, and of the last ending at or before q.
local function token_at(toks, p)  -- binary search: tokens are in text order
  local lo, hi = 1, #toks + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if toks[mid].start >= p then hi = mid else lo = mid + 1 end
  end
  return lo
end
local function token_before(toks, q)
  local lo, hi = 0, #toks
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if toks[mid].stop <= q then lo = mid else hi = mid - 1 end
  end
  return lo
end

-- Whether a word in lower case ends a job or a description of a person: "organiser",
-- "scientist", "executive", "representative", "member", and the heads of descriptions.
local function job_word(w)
  return M.person_heads[w] or w == "member" or w:find("[eo]r$") or w:find("ist$") or w:find("ive$")
    or w:find("[ae]nt$") or w:find("man$") or w:find("woman$")
end

-- The words of text[a..b] as a title: at most four words, none a preposition, a conjunction,
-- a cue or a figure, a leading determiner dropped, ending in a job word; or nil.
local function as_title(text, a, b)
  local words = {}
  for w in text:sub(a, b):gmatch("%S+") do words[#words + 1] = w end
  if description_starts[(words[1] or ""):lower()] then table.remove(words, 1) end
  if #words == 0 or #words > 4 then return nil end
  for _, w in ipairs(words) do
    local lower = w:lower()
    if np_stops[lower] or preps[lower] or M.cues[lower] or w:find("%d") or not_names[w] then return nil end
  end
  if not words[#words]:find("^%l") or not job_word(words[#words]) then return nil end
  return table.concat(words, " ")
end

--- The title or job written in lower case before a name at byte pos, which the speaker
--- mention leaves out: "Chief executive Lena Sorensen" → "Chief executive"; "The opposition
--- leader, Daniel Brandt" and "Its chair, Ahmed Saleh" → "opposition leader", "chair";
--- "The inquiry's chair, retired judge Ines Moreau" → "retired judge". Or nil.
function title_before(text, pos)
  local line = text:sub(math.max(1, pos - 120), pos - 1)
  -- the words right before the name, back to the start of the sentence or a comma
  local words = line:match("([^%.!%?,;:\n\226\128\156\157]*)$") or ""
  local stop = pos - 1
  local start = pos - #words
  local title = words:find("%S") and as_title(text, start, stop)
  if title or words:find("%S") then return title end
  -- nothing between a comma and the name: the description before the comma
  local desc = line:match("([^%.!%?,;:\n]*),%s*$")
  if not desc or not description_starts[(desc:match("^%s*(%S+)") or ""):lower()] then return nil end
  local d_stop = pos - #line:match(",%s*$") - 1
  return as_title(text, d_stop - #desc + 1, d_stop)
end

--- Finds the name that a pronoun or description at byte `pos` stands for: the nearest earlier
--- capitalised name that fits (a person, of the right gender when a title tells), spelled in
--- full when an earlier mention gave more of it.
local function name_index(text)
  local names = {}
  local init = 1
  while true do
    local a, b = text:find("%u[%w%.’'%-]*[%w%.]", init)
    if not a then break end
    -- extend over the following capitalised words and initials
    local e = b
    while true do
      -- a word ending with a full stop ends the name, unless it is an initial or a title
      local word = text:sub(a, e):match("(%S+)$")
      if word:sub(-1) == "." and not word:find("^%u%.$") and not titles[word] and word ~= "Jr." and word ~= "St." then break end
      local c, d = text:find("^[ \194\160]+%u[%w%.’'%-]*[%w%.]", e + 1)
      if not c then break end
      e = d
    end
    local name = text:sub(a, e):gsub("\194\160", " ")
    names[#names + 1] = {start = a, stop = e, text = name}
    init = e + 1
  end
  return names
end

-- Whether a capitalised word written before a name is a title or a job ("Minister",
-- "Economist"): the title words and the heads of descriptions of people, but not the heads
-- that are also common words in names of things ("Star Tribune") or family words.
local not_job_words = set{"man", "woman", "father", "mother", "son", "daughter", "wife", "husband", "host", "star", "general"}
local function is_title_word(w)
  local lower = w:lower()
  return titles[w] ~= nil or (M.person_heads[lower] and not not_job_words[lower]) or false
end

--- A name as a person is known by, without the titles or the job before it: name, gender
--- (from Mr./Ms.), title ("Finance Minister Anders Holm" → "Anders Holm", nil, "Finance
--- Minister"); or nil for no name. Like the entities plugin, everything up to the last title
--- word goes to the title, so a speaker is counted once however the job is written.
local function clean_name(n)
  -- drop leading titles and words that are no names, and a possessive
  local words = {}
  for w in n:gmatch("%S+") do words[#words + 1] = w end
  local gender
  local dropped = 0
  while #words > 0 and (not_names[words[1]] or titles[words[1]]) do
    if female_titles[words[1]] then gender = "f" elseif male_titles[words[1]] then gender = "m" end
    if titles[words[1]] then dropped = dropped + 1 end
    table.remove(words, 1)
  end
  if #words == 0 then return nil end
  -- "Finance Minister Anders Holm", "Economist Ruth Abebe": up to the last title word, when a
  -- capitalised name follows it
  local title_end = 0
  for k = 1, #words - 1 do
    if is_title_word(words[k]) and words[k + 1]:find("^%u") then title_end = k end
  end
  local title
  if title_end > 0 or dropped > 0 then
    local all = {}
    for w in n:gmatch("%S+") do all[#all + 1] = w end
    local first = #all - #words + 1  -- where words starts in all
    local from = 1
    while from < first and not_names[all[from]] and not titles[all[from]] do from = from + 1 end
    title = table.concat(all, " ", from, first + title_end - 1)
    for _ = 1, title_end do table.remove(words, 1) end
  end
  local last = words[#words]:gsub("’s$", ""):gsub("'s$", ""):gsub("%.$", "")
  words[#words] = last
  if #last < 2 or org_heads[last] or not_names[last] then return nil end
  return table.concat(words, " "), gender, title
end

-- clean_name of a name-index entry, computed once.
local function cleaned(n)
  if n.clean == nil then
    local name, gender = clean_name(n.text)
    n.clean, n.gender = name or false, gender
  end
  return n.clean or nil, n.gender
end

-- Whether a capitalised sequence reads as a person's name: two words or more, none in
-- capitals only ("EU") and no organisation head; or one word after Mr./Ms. or that ends a
-- fuller name met before (`known`).
local function person_like(name, raw, known)
  if raw:find("%f[%w]%u%u+%f[^%w]") then return false end
  local count = 0
  for _ in name:gmatch("%S+") do count = count + 1 end
  if count >= 2 then return true end
  if raw:find("^M[rs]s?%.? ") or raw:find("^Dr%.? ") then return true end
  return known[name] ~= nil
end

--- The fullest spelling of `name` met before byte pos ("Rosenstein" → "Rod J. Rosenstein").
-- The names of the index by surname, in text order: surname -> {{stop, full name}, …}
-- (multi-word names only), built once per document.
local function by_surname(names)
  if not names.surnames then
    local map = {}
    for k = 1, #names do
      local name = cleaned(names[k])
      if name then
        local last = name:match("(%S+)$")
        map[last] = map[last] or {}
        local list = map[last]
        list[#list + 1] = {stop = names[k].stop, full = name}
      end
    end
    names.surnames = map
  end
  return names.surnames
end

-- The fullest (longest) spelling of a surname among the names that end before byte pos, or
-- nil; with `multi`, only names of two words or more.
local function fullest_before(names, pos, last, multi)
  local list = by_surname(names)[last]
  local best
  if list then
    for _, e in ipairs(list) do
      if e.stop >= pos then break end
      if (not multi or e.full:find(" ")) and (not best or #e.full > #best) then best = e.full end
    end
  end
  return best
end

--- The fullest spelling of `name` met before byte pos ("Rosenstein" → "Rod J. Rosenstein").
local function fullest(names, pos, name)
  local best = fullest_before(names, pos, name:match("(%S+)$"))
  if best and #best > #name then return best end
  return name
end

-- Abbreviations whose full stop ends no sentence ("Gov. John Kasich", "Sept. 11", "U.S. officials").
local abbreviations = set{"Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
  "No.", "St.", "Jr.", "Sr.", "Mt.", "Ft.", "vs.", "v.", "e.g.", "i.e.", "etc.", "approx."}

--- Where the sentence that holds byte p starts: after the last full stop, question or
--- exclamation mark (and any closing marks) before p that is followed by a space outside
--- quotation marks and a capital, a figure or an opening mark, or after a line break; at
--- most 3000 bytes back. Full stops inside a quote end no sentence of the text around it, nor do those of
--- titles, initials and abbreviations ("Dr. Helen Okafor", "J. Smith", "U.S.", "Sept. 11").
local function sentence_start(text, p, quoted)
  local k = p - 1
  local floor = math.max(1, p - 3000)
  while k >= floor do
    local c = text:byte(k)
    if c == 10 or c == 13 then return k + 1 end
    if c == 32 and not quoted(k) then
      local nx = text:sub(k + 1, k + 3)
      if nx:find("^[%u%d\"']") or nx == "\226\128\156" or nx == "\226\128\152" then
        local before = text:sub(math.max(1, k - 24), k - 1)
        -- closing marks after the stop
        local stripped = before
        while true do
          local t = stripped:gsub("\226\128\157$", ""):gsub("\226\128\153$", ""):gsub("[\"')]$", "")
          if t == stripped then break end
          stripped = t
        end
        if stripped:find("[%.!%?]$") then
          local word = stripped:match("(%S+)$") or ""
          local stop_word = stripped:sub(-1) ~= "." or not (titles[word] or abbreviations[word]
            or word:find("^%u%.$") or word:find("^%a%.%a%.") or word:find("^%.+$"))
          if stop_word then return k + 1 end
        end
      end
    end
    k = k - 1
  end
  return floor
end

--- Whether the name n of a sentence that starts at byte s reads as its subject: nothing but
--- an opening phrase ending in a comma ("On Tuesday, ", "In a letter to the premier, ") and a
--- title or a description ("Opposition leader ", "The transport minister, ") before it, or a
--- cue right before it after a quote ("…,” said Marta Ilves"); not a possessive ("Trump’s
--- campaign manager").
local function subject_at(text, s, n)
  if n.text:find("’s$") or n.text:find("'s$") then return false end
  local prefix = text:sub(s, n.start - 1)
  local tail = prefix:match(",([^,]*)$") or prefix
  tail = tail:gsub("^[%s\"'\226\128\156\226\128\157\226\128\152\226\128\153]+", ""):gsub("%s+$", "")
  if tail == "" then
    -- first in its sentence, or after a comma: an opening phrase or a description before it
    -- ("After meeting Anders Holm, Peter Vance said": Holm, met first, is no subject)
    return true
  end
  if not tail:find("%s") and M.cues[tail:lower()] and prefix:find(",%s*[\"\226]") then return true end  -- “…,” said X
  tail = tail:gsub("^.*\226\128\153s%s+", ""):gsub("^.*'s%s+", "")  -- "Mayor Lena Holt’s press officer"
  return not tail:find("[%.!%?;:]") and as_title(tail, 1, #tail) ~= nil
end

--- The name that a pronoun (or description) at byte `pos` stands for: the nearest earlier
--- capitalised name outside quotation marks that reads as a person's (of the right gender
--- when a title tells), spelled in full when an earlier mention gave more of it. With `text`
--- (pronouns), the subject of the sentence that holds that name comes first when it fits
--- too: in "Opposition leader Daniel Brandt called on Anders Holm to publish the report. “…,”
--- he said." he is Brandt, not Holm; in "Ms. Lena Berg called on Anders Holm …" Holm still.
local function resolve(names, pos, pronoun, quoted, text)
  local want = (pronoun == "she" or pronoun == "her") and "f" or (pronoun == "he" or pronoun == "his") and "m" or nil
  -- the last name that ends before pos (binary search), then backwards from it
  local lo, hi = 0, #names
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if names[mid].stop < pos then lo = mid else hi = mid - 1 end
  end
  local known = setmetatable({}, {__index = function(_, last) return fullest_before(names, pos, last, true) end})
  local function spelled(name)
    local full = known[name:match("(%S+)$")]
    if full and #full > #name then return full end
    return name
  end
  local function fits(n)
    local name, gender = cleaned(n)
    if name and not (quoted and quoted(n.start)) and person_like(name, n.text, known)
      and (not want or not gender or gender == want) then return name end
    return nil
  end
  for k = lo, math.max(1, lo - 150), -1 do
    local name = fits(names[k])
    if name then
      if text then
        -- the sentence of the nearest fitting name: its first fitting name that is its subject
        local s = sentence_start(text, names[k].start, quoted)
        local first = k
        while first > 1 and names[first - 1].start >= s do first = first - 1 end
        for j = first, k do
          local other = j == k and name or fits(names[j])
          if other and subject_at(text, s, names[j]) then
            -- a name that only qualifies the next one is none: "Clinton communication
            -- director Jennifer Palmieri", "Retired U.S. Air Force Gen. Norman Ham"
            local h = j
            while h < lo and names[h + 1].start < pos do
              local gap = text:sub(names[h].stop + 1, names[h + 1].start - 1)
              local words = gap:gsub("^%s+", ""):gsub("%s+$", "")
              if not (words == "" and gap ~= "" or not words:find("[^%w%s%-]") and as_title(words, 1, #words)) then break end
              h = h + 1
            end
            if h == j then return spelled(other) end
            local head = fits(names[h])
            if head then return spelled(head) end
          end
        end
      end
      return spelled(name)
    end
  end
  return nil
end

-- People described by a plural noun rather than named: "Analysts", "Election officials",
-- "Parents at Hillside Primary" (capitalised only because they start the sentence).
local group_nouns = set{
  "analysts", "critics", "experts", "residents", "parents", "voters", "observers", "investors",
  "supporters", "opponents", "protesters", "campaigners", "researchers", "scientists", "doctors",
  "teachers", "workers", "fans", "sources", "witnesses", "insiders", "activists", "locals",
  "officials", "members", "people", "others", "economists", "lawmakers", "villagers", "students",
}
local function is_group(name)
  local first, last = name:match("^(%S+)"):lower(), name:match("(%S+)$"):lower()
  return group_nouns[first] or group_nouns[last]
    or (last:sub(-1) == "s" and M.person_heads[last:sub(1, -2)] ~= nil) or false
end

-- Whether `phrase` reads as a proper name: every word capitalised, but for the small words
-- inside names ("Department of Justice", "Food and Drug Administration").
local name_joiners = set{"of", "and", "for", "the", "on", "in", "&"}
local function is_proper_phrase(phrase)
  for word in phrase:gmatch("%S+") do
    if not word:find("^%u") and not name_joiners[word] then return false end
  end
  return not name_joiners[phrase:match("(%S+)$")]
end

--- Annotates the quotes of `doc`: see the top of this file. A second call returns the same spans.
function M.annotate(doc)
  local existing = doc:layer("quote")
  if existing then
    local found = {}
    for span in existing do found[#found + 1] = span end
    return found
  end
  local text = doc.text
  local paras = {}
  for p in doc:paragraphs() do paras[#paras + 1] = {start = p.start, stop = p.stop, span = p} end
  local segs = segments(text, paras, find_marks(text))
  local function quoted(p)  -- whether byte p lies inside quotation marks
    local lo, hi = 1, #segs
    while lo <= hi do
      local mid = (lo + hi) // 2
      local sg = segs[mid]
      if p < sg.start then hi = mid - 1 elseif p > sg.stop then lo = mid + 1 else return true end
    end
    return false
  end
  local names = nil
  local lower_text = nil
  local token_cache = {}
  local function toks_of(pi)
    local t = token_cache[pi]
    if not t then t = para_tokens(paras[pi].span); token_cache[pi] = t end
    return t
  end

  local function speaker_of(toks, a, b)
    local s = {start = toks[a].start, stop = toks[b].stop}
    s.text = text:sub(s.start, s.stop)
    return s
  end

  -- Attributes a quote unit whose first segment starts at token qa and whose last segment
  -- ends at token qb (tokens of the paragraph where it starts and where it ends).
  local quotes = {}
  local last = {}  -- per paragraph: the last attributed quote and where it ended
  local i = 1
  while i <= #segs do
    local seg = segs[i]
    local pi = seg.first_para
    local toks = toks_of(pi)
    local qa = token_at(toks, seg.start)
    local qb_para = seg.para
    local etoks = toks_of(qb_para)
    local qb = token_before(etoks, seg.stop)
    local inner = text:sub(seg.start, seg.stop)
    local words = 0
    for _ in inner:gmatch("[%w\128-\255][%w\128-\255'’%-]*") do words = words + 1 end
    -- what stands before the quote
    local prevtok = toks[qa - 1]
    local lead = not prevtok or text:sub(prevtok.stop + 1, seg.start - 1):find("\n") or ends_sentence(prevtok) or prevtok.text == ":" or prevtok.text == ","
      or M.cues[prevtok.lower] or is_mark(prevtok) or prevtok.text == "—" or prevtok.text == "("
      or (prevtok.lower == "to" and toks[qa - 2] and toks[qa - 2].lower == "according")
    -- the last character inside the closing mark
    local body_end = inner:gsub("''$", ""):gsub('["]$', ""):gsub("\226\128[\156\157]$", ""):gsub("\194\187$", ""):gsub("\194\171$", "")
    local end_char = body_end:sub(-1)
    if body_end:sub(-3) == "\226\128\166" then end_char = "." end  -- …
    local punct_inside = end_char:find("[,%.!%?]") ~= nil or seg.unclosed
    -- a quote that opens in lower case continues the sentence around it (a mixed quote:
    -- "he said the plan “would never work”"): part of an indirect quote, not a quote of its own
    local mb = inner:byte(1)
    local body = inner:sub(mb == 34 and 2 or (mb == 194 or mb == 39) and 3 or 4)
    local lower_start = body:find("^[%s%p]*%l") ~= nil and prevtok and prevtok.text ~= ":"
    local direct = not lower_start and ((lead and (words >= 3 or punct_inside)) or words >= 8 and punct_inside)
    if not direct then
      i = i + 1
    else
      local parts = {{seg.start, seg.stop}}
      local unit = {parts = parts, multi_paragraph = seg.multi_paragraph, unclosed = seg.unclosed,
        first_para = pi, last_para = qb_para}
      -- after the quote, in its last paragraph: up to the sentence end or the next mark
      local rule, cue_a, cue_b, sp_a, sp_b, sp_toks
      local n = #etoks
      local limit = qb
      while limit + 1 <= n and limit < qb + 25 and not is_mark(etoks[limit + 1]) and not ends_at(etoks, limit + 1) do
        limit = limit + 1
      end
      local c, cb, according = find_cue(etoks, qb + 1, limit)
      if c then
        local from = qb + 1
        if etoks[from] and etoks[from].text == "," then from = from + 1 end
        if according then
          sp_a, sp_b = np_right(etoks, cb + 1, limit)
          rule = "according-to"
        elseif c == from or (c > from and skippable[etoks[from].lower] and c == from + 1) then
          sp_a, sp_b = np_right(etoks, cb + 1, limit)  -- said Smith
          rule = "cue-after"
        else
          sp_a, sp_b = np_left(etoks, c - 1, from)  -- Smith said
          rule = "cue-after"
          if sp_a and sp_a ~= from then
            -- "…," Smith, a spokesman, said: the name right after the quote
            sp_a, sp_b = np_left(etoks, c - 1, from)
          end
        end
        if sp_a then cue_a, cue_b, sp_toks = c, cb, etoks end
      end
      -- "…" ― Karen Bobadilla: a dash and a name
      if not sp_a and etoks[qb + 1] and dashes[etoks[qb + 1].text] and is_cap(etoks[qb + 2]) then
        sp_a, sp_b = np_right(etoks, qb + 2, math.min(n, qb + 8))
        if sp_a then cue_a, cue_b, sp_toks, rule = qb + 1, qb + 1, etoks, "dash" end
      end
      -- "…," Beck questioned. — any verb right after a short subject, at the sentence end
      if not sp_a and end_char:find("[,!%?]") then
        local from = qb + 1
        if etoks[from] and etoks[from].text == "," then from = from + 1 end
        local f = etoks[from]
        if f and (is_cap(f) or M.pronouns[f.lower] or f.lower == "the") then
          for v = from + 1, math.min(from + 5, limit) do
            local w, nx = etoks[v], etoks[v + 1]
            if is_punct(w) and w.text ~= "." then break end
            if not is_cap(w) and w.lower ~= "the" and w.text ~= "." and (not nx or nx.text == "." or nx.text == ",")
              and w.lower:find("[ds]$") then
              sp_a, sp_b = np_left(etoks, v - 1, from)
              if sp_a then cue_a, cue_b, sp_toks, rule = v, v, etoks, "cue-after" end
              break
            end
          end
        end
      end
      -- a split quote: "…," he said, "…" — the next segment follows the cue at once
      if sp_a and cue_a and cue_a > qb and rule ~= "dash" then
        local after_cue = math.max(cue_b, sp_b)
        local nxt = segs[i + 1]
        local j = after_cue + 1
        while etoks[j] and (etoks[j].text == "," or etoks[j].text == "." or etoks[j].text == ":") do j = j + 1 end
        if nxt and etoks[j] and etoks[j].start ~= nxt.start and etoks[j - 1].text == "," then
          -- "…," said Omar Said, the chief engineer, "…": over the appositive
          for k = j, math.min(j + 8, #etoks - 1) do
            if is_mark(etoks[k]) or ends_at(etoks, k) then break end
            if etoks[k].text == "," and etoks[k + 1].start == nxt.start then j = k + 1 break end
          end
        end
        if nxt and etoks[j] and etoks[j].start == nxt.start then
          -- not when the next quote has a cue of its own right after it
          local e2 = token_before(toks_of(nxt.para), nxt.stop)
          local t2 = toks_of(nxt.para)
          local f2 = e2 + 1
          if t2[f2] and t2[f2].text == "," then f2 = f2 + 1 end
          local c2 = find_cue(t2, f2, math.min(f2 + 10, #t2))
          if c2 then
            for k = f2, c2 do if is_mark(t2[k]) or ends_at(t2, k) then c2 = nil break end end
          end
          if c2 then nxt = nil end
        end
        while nxt and etoks[j] and etoks[j].start == nxt.start do
          parts[#parts + 1] = {nxt.start, nxt.stop}
          unit.last_para = nxt.para
          if nxt.multi_paragraph then unit.multi_paragraph = true end
          i = i + 1
          nxt = nil  -- one continuation per cue
        end
      end
      -- before the quote, in its first paragraph: back to the sentence start
      if not sp_a then
        sp_a, sp_b, cue_a, cue_b, rule = before_quote(toks, qa)
        if sp_a then sp_toks = toks end
      end
      -- a quote that opens a paragraph after one that ends with a colon
      if not sp_a and qa == 1 and pi > 1 then
        local ptoks = toks_of(pi - 1)
        if ptoks[#ptoks] and ptoks[#ptoks].text == ":" then
          sp_a, sp_b, cue_a, cue_b, rule = before_quote(ptoks, #ptoks + 1)
          if sp_a then sp_toks = ptoks end
        end
      end
      -- carried over from the quote before it in the same paragraph, when no cue intervenes
      if not sp_a then
        local prev = last[pi]
        if prev then
          local between = text:sub(prev.stop + 1, seg.start - 1)
          local ok = true
          for w in between:gmatch("%a+") do if M.cues[w:lower()] then ok = false break end end
          if ok then
            unit.speaker = prev.speaker
            unit.cue = prev.cue
            unit.speaker_name, unit.speaker_rule = prev.speaker_name, prev.speaker_rule
            rule = "carried-over"
          end
        end
      end
      -- a quote that opens a paragraph, after a paragraph that ended with an attributed quote
      if not sp_a and not unit.speaker and qa == 1 and pi > 1 then
        local prev = last[pi - 1]
        if prev and prev.stop >= paras[pi - 1].stop - 60 then
          local tail = text:sub(prev.stop + 1, paras[pi - 1].stop)
          local ok = true
          for w in tail:gmatch("%a+") do if M.cues[w:lower()] then ok = false break end end
          if ok then
            unit.speaker, unit.cue = prev.speaker, prev.cue
            unit.speaker_name, unit.speaker_rule = prev.speaker_name, prev.speaker_rule
            rule = "carried-over"
          end
        end
      end
      if sp_a then
        unit.speaker = speaker_of(sp_toks, sp_a, sp_b)
        local ct = sp_toks
        unit.cue = {start = ct[cue_a].start, stop = ct[cue_b].stop}
        unit.cue.text = text:sub(unit.cue.start, unit.cue.stop)
      end
      unit.rule = rule or "unattributed"
      -- a quote that goes on with the cue of the quote before it ("…," Clinton said in a
      -- speech. "…") is a further part of that quote, as PolNeAR joins them
      local before = quotes[#quotes]
      if before and before.cue and unit.cue and before.cue.start == unit.cue.start
        and (unit.rule == "previous-sentence" or unit.rule == "carried-over") then
        for _, part in ipairs(parts) do
          before.parts[#before.parts + 1] = part
          before.part_rules[#before.part_rules + 1] = unit.rule
        end
        before.last_para = unit.last_para
        if unit.multi_paragraph then before.multi_paragraph = true end
        if unit.unclosed then before.unclosed = true end
        unit = before
      else
        unit.part_rules = {}
        for k = 1, #parts do unit.part_rules[k] = unit.rule end
        quotes[#quotes + 1] = unit
      end
      if unit.speaker then
        local stop = math.max(unit.parts[#unit.parts][2], unit.speaker.stop, unit.cue and unit.cue.stop or 0)
        last[unit.last_para] = {stop = stop, speaker = unit.speaker, cue = unit.cue, unit = unit}
      end
      i = i + 1
    end
  end

  -- speaker names
  local function name_speakers(list)
  for _, q in ipairs(list) do
    local s = q.speaker
    if s and not q.speaker_name then
      local lower = s.text:lower()
      if M.pronouns[lower] then
        names = names or name_index(text)
        if person_pronouns[lower] then
          q.speaker_name = resolve(names, s.start, lower, quoted, text)
        end
        q.speaker_rule = q.speaker_name and "pronoun-resolved" or "unresolved"
      else
        local name, _, title = clean_name(s.text)
        local proper = s.text:match("^The (%u.*)$")
        if proper and is_proper_phrase(proper) then
          -- "The Port Authority", "The Bakers' Guild": a name after all, known without "The"
          q.speaker_name, q.speaker_rule = proper, "name"
        elseif name and s.text:find("%u") and not s.text:find("^[Tt]he ") and not s.text:find("^[Aa]n? ")
            and not is_group(name) then
          names = names or name_index(text)
          q.speaker_name = fullest(names, s.stop + 1, name)
          q.speaker_title = title or title_before(text, s.start)
          q.speaker_rule = "name"
        else
          -- a description: "the attorney general". A name written right after the same words
          -- earlier ("Attorney General Jeff Sessions") or right before them ("Sessions, the
          -- attorney general"); else the nearest earlier name.
          local head = lower:gsub("^the ", ""):gsub("^an? ", "")
          local found
          lower_text = lower_text or text:lower()
          local p = math.max(1, s.start - 20000)  -- an article's worth of text before it
          while #head >= 3 do
            local a, b = lower_text:find(head, p, true)
            if not a or b >= s.start then break end
            local after_name = text:match("^ (%u[%w%.’'%-]*[ %u%w%.’'%-]*)", b + 1)
            if after_name then found = clean_name(after_name:gsub("%s+$", "")) or found end
            local before_name = text:sub(math.max(1, a - 80), a - 1):match("(%u[%w%.’'%-]*[ %u%w%.’'%-]*)[,—–%s]+[Tt]he $")
            if before_name then found = clean_name(before_name) or found end
            p = b + 1
          end
          if not found then
            names = names or name_index(text)
            local head_word = lower:match("([%a]+)%W*$")
            found = not lower:find("^an? ") and head_word and M.person_heads[head_word]
              and resolve(names, s.start, nil, quoted) or nil
          end
          q.speaker_name = found
          q.speaker_rule = found and "description-resolved" or "unresolved"
        end
      end
    end
  end

  end
  name_speakers(quotes)

  -- indirect quotes: "X said (that) …" and "…, X said." in sentences without a direct quote
  local covered = {}
  for _, q in ipairs(quotes) do covered[#covered + 1] = {q.parts[1][1], q.parts[#q.parts][2]} end
  table.sort(covered, function(x, y) return x[1] < y[1] end)
  local function overlaps_direct(a, b)
    -- the last quote that starts at or before b; quotes do not overlap one another
    local lo, hi = 0, #covered
    while lo < hi do
      local mid = (lo + hi + 1) // 2
      if covered[mid][1] <= b then lo = mid else hi = mid - 1 end
    end
    for k = lo, math.max(1, lo - 2), -1 do
      if a <= covered[k][2] and covered[k][1] <= b then return true end
    end
    return false
  end
  local indirect = {}
  for s in doc:sentences() do
    local ss, se = s.start, s.stop
    do  -- sentences with a direct quote too: the indirect one must stay clear of it
      local stext = s.text
      local low = stext:lower()
      local quick = false
      for w in low:gmatch("%a+") do if M.indirect_cues[w] or w == "according" then quick = true break end end
      if quick then
        local toks = {}
        for t in s:tokens() do
          local tt = t.text
          toks[#toks + 1] = {text = tt, lower = tt:lower(), start = t.start, stop = t.stop}
        end
        local n = #toks
        local lastc = n
        while lastc >= 1 and (is_punct(toks[lastc]) and not is_mark(toks[lastc])) do lastc = lastc - 1 end
        local unit
        for c = 1, n do
          local t = toks[c]
          if t.lower == "according" and toks[c + 1] and toks[c + 1].lower == "to" then
            if c == 1 then
              -- According to X, …
              local a, b = np_right(toks, c + 2, n)
              local k = c + 2
              while k <= n and toks[k].text ~= "," do k = k + 1 end
              if a and k < lastc then
                unit = {rule = "indirect-according-to", sa = a, sb = b, ca = c, cb = c + 1, qa = k + 1, qb = lastc}
              end
            elseif toks[c - 1] and toks[c - 1].text == "," and c - 2 >= 1 then
              local a, b = np_right(toks, c + 2, n)
              if a then unit = {rule = "indirect-according-to", sa = a, sb = b, ca = c, cb = c + 1, qa = 1, qb = c - 2} end
            end
            if unit then break end
          elseif M.indirect_cues[t.lower] then
            -- the comma before "…, said Smith." or "…, Lea Brun said."
            local comma
            local paren = false  -- further over a name's party and state: "…, Sen. Lindsey Graham (R-S.C.) told"
            for k = c - 1, math.max(2, c - 8), -1 do
              if toks[k].text == "," then
                if k >= c - 5 or paren then comma = k end
                break
              end
              if toks[k].text == "(" or toks[k].text == ")" then paren = true
              elseif is_punct(toks[k]) and toks[k].text ~= "." then break end
            end
            -- "The opposition leader, Daniel Brandt, said the plan …": the comma closes the
            -- speaker's appositive, the quote follows the cue
            local appositive = comma == c - 1 and lastc - c >= 2 and appositive_name(toks, c - 1, 1)
            -- (a participle after a comma is no "…, said Smith": "…, adding four stations")
            if c > 2 and comma and c >= n - 8 and not appositive and not participles[t.lower] then
              -- "…, Smith said." / "…, said Smith."
              local a, b
              if comma == c - 1 then a, b = np_right(toks, c + 1, lastc) else a, b = np_left(toks, c - 1, comma + 1) end
              if a and comma - 1 >= 1 and comma > 3 then
                unit = {rule = "indirect-after", sa = a, sb = b, ca = c, cb = c, qa = 1, qb = comma - 1}
              end
            else
              local a, b
              if participles[t.lower] then
                a, b = subject(toks, 1, c - 1)  -- "Trump attacked the plan, saying it would fail"
              else
                a, b = np_left(toks, c - 1, 1)
                if not a and c > 2 and (toks[c - 1].lower == "but" or toks[c - 1].lower == "and") then
                  a, b = first_verb_subject(toks, c - 2)  -- "Berg welcomed the jobs but said …"
                end
              end
              if a then
                local k = c + 1
                -- "said about 70 percent of …": "about" a number is no phrase after the cue
                local about_figure = toks[k] and toks[k].lower == "about" and toks[k + 1] and toks[k + 1].text:find("^%d")
                if t.lower == "told" or t.lower == "tells" or (toks[k] and right_stops[toks[k].lower] and not about_figure) then
                  -- "told reporters that …", "said on Tuesday that …", "said in a statement that …"
                  local j = k
                  while j <= n and j <= c + 8 and toks[j].lower ~= "that" and not is_punct(toks[j]) do j = j + 1 end
                  if toks[j] and toks[j].lower == "that" then k = j
                  elseif t.lower == "told" or t.lower == "tells" then k = told_content(toks, c, lastc) end
                end
                local nx = k and toks[k]
                local told_ok = (t.lower == "told" or t.lower == "tells") and nx and nx.lower ~= "that"
                if nx and (nx.lower == "that" or told_ok or (bare_clause_cues[t.lower] and not is_punct(nx)
                  and (not right_stops[nx.lower] or (k == c + 1 and about_figure)) and nx.lower ~= "so"
                  and (nx.lower ~= "it" or (toks[k + 1] and clause_verbs[toks[k + 1].lower]))
                  and (t.lower ~= "adding" or has_verb(toks, k, lastc))))
                  and lastc - k >= 2 then
                  unit = {rule = "indirect-that", sa = a, sb = b, ca = c, cb = c, qa = k, qb = lastc}
                end
              end
            end
            if unit then break end
          end
        end
        if unit and (overlaps_direct(toks[unit.qa].start, toks[unit.qb].stop)
            or overlaps_direct(toks[unit.sa].start, toks[unit.sb].stop)) then
          unit = nil
        end
        if unit then
          local q = {
            kind = "indirect", rule = unit.rule,
            parts = {{toks[unit.qa].start, toks[unit.qb].stop}},
            speaker = speaker_of(toks, unit.sa, unit.sb),
            cue = {start = toks[unit.ca].start, stop = toks[unit.cb].stop},
          }
          q.cue.text = text:sub(q.cue.start, q.cue.stop)
          -- a mixed quote: the words in quotation marks inside it, verbatim
          local qs, qe = q.parts[1][1], q.parts[1][2]
          for _, sg in ipairs(segs) do
            if sg.start >= qs and sg.stop <= qe + 3 then
              q.quoted = q.quoted or {}
              q.quoted[#q.quoted + 1] = text:sub(sg.start, sg.stop)
            end
          end
          indirect[#indirect + 1] = q
        end
      end
    end
  end

  name_speakers(indirect)

  -- the spans, in text order
  local all = {}
  for _, q in ipairs(quotes) do q.kind = "direct"; all[#all + 1] = q end
  for _, q in ipairs(indirect) do all[#all + 1] = q end
  table.sort(all, function(x, y) return x.parts[1][1] < y.parts[1][1] end)
  local out = {}
  for _, q in ipairs(all) do
    local texts = {}
    for k, p in ipairs(q.parts) do texts[k] = text:sub(p[1], p[2]) end
    local attrs = {kind = q.kind, rule = q.rule, parts = q.parts, texts = texts, part_rules = q.part_rules,
      multi_paragraph = q.multi_paragraph or nil, unclosed = q.unclosed or nil, quoted = q.quoted,
      speaker_name = q.speaker_name, speaker_title = q.speaker_title, speaker_rule = q.speaker_rule}
    if q.speaker then
      attrs.speaker, attrs.speaker_start, attrs.speaker_stop = q.speaker.text, q.speaker.start, q.speaker.stop
    end
    if q.cue then attrs.cue, attrs.cue_start, attrs.cue_stop = q.cue.text, q.cue.start, q.cue.stop end
    out[#out + 1] = doc:annotate("quote", q.parts[1][1], q.parts[#q.parts][2], attrs)
  end
  -- the speaker mentions, once each, with the name they resolve to and how many quotes they have
  local mentions, order = {}, {}
  for _, q in ipairs(all) do
    local sp = q.speaker
    if sp then
      local m = mentions[sp.start]
      if not m then
        m = {start = sp.start, stop = sp.stop, name = q.speaker_name, title = q.speaker_title, rule = q.speaker_rule, direct = 0, indirect = 0}
        mentions[sp.start] = m
        order[#order + 1] = m
      end
      m[q.kind] = m[q.kind] + 1
    end
  end
  table.sort(order, function(x, y) return x.start < y.start end)
  for _, m in ipairs(order) do
    doc:annotate("speaker", m.start, m.stop, {name = m.name, title = m.title, speaker_rule = m.rule, direct = m.direct, indirect = m.indirect})
  end
  return out
end

return M
