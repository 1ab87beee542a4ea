-- figures: the numbers a document states, as values an analyst can compare.
--
--   local figures = require "figures"
--   for _, f in ipairs(figures.annotate(doc)) do
--     print(f.text, f.attrs.value, f.attrs.comparator, f.attrs.unit, f.attrs.noun)
--   end
--
-- Every figure becomes a span of the layer "figure" whose attributes say what it means:
--   value       the number (5,000 → 5000; $1.5bn → 1500000000; seven → 7)
--   comparator  how it relates to the truth: "=" (stated as is), ">" (more than, over),
--               ">=" (at least), "<" (less than, under), "<=" (up to, at most),
--               "<~" (nearly, almost), ">~" (just over), "~" (about, around, some)
--   unit        "%", a currency code ("USD", "GBP", "EUR", "JPY") or a measure ("km")
--   noun        the counted thing, when a noun follows a figure without a unit
--               ("5,000 children" → "children")
--   rule        which rule read it: "currency", "percent", "measure", "count", "number"
-- Years (a bare 1800–2099) are left to the dates plugin.

local M = {}

-- Words before a figure that qualify it, longest first (so "just over" wins over "over").
local comparators = {
  {{"more", "than"}, ">"}, {{"greater", "than"}, ">"}, {{"in", "excess", "of"}, ">"},
  {{"less", "than"}, "<"}, {{"fewer", "than"}, "<"},
  {{"at", "least"}, ">="}, {{"no", "fewer", "than"}, ">="}, {{"no", "less", "than"}, ">="},
  {{"at", "most"}, "<="}, {{"up", "to"}, "<="}, {{"no", "more", "than"}, "<="},
  {{"just", "over"}, ">~"}, {{"just", "under"}, "<~"}, {{"just", "below"}, "<~"},
  {{"an", "estimated"}, "~"},
  {{"over"}, ">"}, {{"above"}, ">"}, {{"exceeding"}, ">"},
  {{"under"}, "<"}, {{"below"}, "<"},
  {{"nearly"}, "<~"}, {{"almost"}, "<~"},
  {{"about"}, "~"}, {{"around"}, "~"}, {{"roughly"}, "~"}, {{"approximately"}, "~"},
  {{"some"}, "~"}, {{"estimated"}, "~"}, {{"exactly"}, "="},
}
table.sort(comparators, function(a, b) return #a[1] > #b[1] end)

-- Integers, so that whole values stay integers (3 million → 3000000, not 3000000.0).
local scale_words = {thousand = 1000, million = 1000000, billion = 1000000000, trillion = 1000000000000}
-- Suffixes glued to a number: 1.5bn, 20m, 300k.
local scale_suffixes = {
  k = 1000, m = 1000000, mn = 1000000, bn = 1000000000, b = 1000000000, tn = 1000000000000,
}

local currency_signs = {["$"] = "USD", ["£"] = "GBP", ["€"] = "EUR", ["¥"] = "JPY"}
local currency_words = {
  dollar = "USD", dollars = "USD", pound = "GBP", pounds = "GBP", euro = "EUR", euros = "EUR",
}

local measures = {
  km = "km", kilometres = "km", kilometers = "km", miles = "mi", mile = "mi", metres = "m",
  meters = "m", kg = "kg", kilograms = "kg", tonnes = "t", tons = "t", litres = "l", liters = "l",
  mph = "mph", ["km/h"] = "km/h", degrees = "°", hectares = "ha", acres = "acre",
}

local number_words = {
  one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8, nine = 9,
  ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14, fifteen = 15, sixteen = 16,
  seventeen = 17, eighteen = 18, nineteen = 19, twenty = 20, thirty = 30, forty = 40, fifty = 50,
  sixty = 60, seventy = 70, eighty = 80, ninety = 90, hundred = 100, dozen = 12,
}

-- Words after a figure that are not what it counts.
local not_nouns = {
  of = true, ["in"] = true, on = true, at = true, to = true, ["and"] = true, ["or"] = true,
  the = true, a = true, an = true, per = true, percent = true, cent = true, is = true, was = true,
  are = true, were = true, by = true, from = true, ["for"] = true, with = true, than = true,
  more = true, less = true, times = true, ago = true, over = true, under = true, above = true,
  below = true, since = true, across = true, into = true, about = true, around = true,
  each = true, every = true, who = true, which = true, that = true, had = true, have = true,
  has = true, will = true, would = true, could = true, said = true, says = true,
}

--- The thing a figure counts: among the next (up to three) lower-case words, before any word
--- that ends a noun phrase, the first plural ("teaching assistants" → "assistants"), or else
--- the first word ("children"); nil when none follows.
local function counted_noun(tokens, from)
  local words = {}
  for k = from, math.min(from + 2, #tokens) do
    local t = tokens[k]
    if not t.is_alpha or t.is_title or not_nouns[t.lower] or number_words[t.lower] then break end
    words[#words + 1] = t.lower
  end
  for _, word in ipairs(words) do
    if #word > 3 and word:sub(-1) == "s" and word:sub(-2) ~= "ss" then return word end
  end
  return words[1]
end

--- The value a number token reads as, and the scale a glued suffix gives ("1.5bn" → 1.5, 1e9);
--- nil when the token is not a number Loupe can read.
local function read_number(text)
  local lower = text:lower()
  if number_words[lower] then return number_words[lower], 1 end
  local digits, suffix = lower:match("^([%d][%d,]*%.?%d*)(%a*)$")
  if not digits then return nil end
  local scale = 1
  if suffix ~= "" then
    scale = scale_suffixes[suffix]
    if not scale then return nil end
  end
  local value = tonumber((digits:gsub(",", "")))
  if not value then return nil end
  return value, scale
end

--- The comparator written just before token `i` of `tokens`, and the index of its first word.
local function comparator_before(tokens, i)
  for _, entry in ipairs(comparators) do
    local words, symbol = entry[1], entry[2]
    local first = i - #words
    if first >= 1 then
      local fits = true
      for k, word in ipairs(words) do
        if tokens[first + k - 1].lower ~= word then fits = false; break end
      end
      if fits then return symbol, first end
    end
  end
  return nil
end

--- Reads the figure that starts with number token `i`; returns its attributes and the index of
--- its last token, or nil when token `i` starts no figure.
local function read_figure(tokens, i)
  local value, scale = read_number(tokens[i].text)
  if not value then return nil end
  local last = i
  local attrs = {comparator = "=", rule = "number"}
  -- "3 million", "two hundred"
  local next_token = tokens[last + 1]
  while next_token and (scale_words[next_token.lower] or (next_token.lower == "hundred" and scale == 1)) do
    scale = scale * (scale_words[next_token.lower] or 100)
    last = last + 1
    next_token = tokens[last + 1]
  end
  attrs.value = value * scale
  -- $1.5bn is a whole number of dollars: say so (1500000000, not 1.5e9).
  if math.type(attrs.value) == "float" and attrs.value == math.floor(attrs.value) and math.abs(attrs.value) < 2^53 then
    attrs.value = math.tointeger(attrs.value)
  end
  attrs.rule = scale ~= 1 and "count" or "number"
  -- A currency sign before the number ("$1.5bn", "£20m").
  local before = tokens[i - 1]
  local first = i
  if before and currency_signs[before.text] then
    attrs.unit = currency_signs[before.text]
    attrs.rule = "currency"
    first = i - 1
  end
  -- What follows: a percent sign or words, a currency word, a measure, or the counted noun.
  local after, after2 = tokens[last + 1], tokens[last + 2]
  if not attrs.unit and after then
    if after.text == "%" or after.lower == "percent" then
      attrs.unit, attrs.rule, last = "%", "percent", last + 1
    elseif after.lower == "per" and after2 and after2.lower == "cent" then
      attrs.unit, attrs.rule, last = "%", "percent", last + 2
    elseif currency_words[after.lower] then
      attrs.unit, attrs.rule, last = currency_words[after.lower], "currency", last + 1
    elseif measures[after.lower] or measures[(after.lower:gsub("%.$", ""))] then
      attrs.unit = measures[after.lower] or measures[(after.lower:gsub("%.$", ""))]
      attrs.rule, last = "measure", last + 1
    end
  end
  -- A bare year is a date, not a figure (the dates plugin reads it).
  if attrs.rule == "number" and scale == 1 and math.type(value) == "integer" and value >= 1800 and value <= 2099
      and not tokens[i].text:find(",", 1, true) then
    return nil
  end
  if not attrs.unit then  -- with a unit, the unit is what is counted
    attrs.noun = counted_noun(tokens, last + 1)
    if attrs.noun and attrs.rule == "number" then attrs.rule = "count" end
  end
  -- A number word alone ("one of them") is not a figure; with a noun or a unit it is.
  if attrs.rule == "number" and number_words[tokens[i].lower] then return nil end
  local symbol, from = comparator_before(tokens, first)
  if symbol then
    attrs.comparator = symbol
    first = from
  end
  return attrs, last, first
end

-- A sentence's tokens as plain tables: the text and its lower case are read once per token
-- (the rules look at them again and again); other fields come from the span when asked.
local Token = {__index = function(record, key) return record.span[key] end}
local function token(span)
  local text = span.text
  local first = text:byte(1)
  return setmetatable({text = text, lower = text:lower(), digit = first ~= nil and first >= 48 and first <= 57, span = span}, Token)
end

--- Finds the figures of `doc`, adds them to its "figure" layer and returns them (spans, in
--- document order). Running it twice on one document adds nothing the second time.
function M.annotate(doc)
  local existing = doc:layer("figure")
  if existing then
    local found = {}
    for span in existing do found[#found + 1] = span end
    return found
  end
  local found = {}
  for sentence in doc:sentences() do
    local tokens = {}
    for t in sentence:tokens() do tokens[#tokens + 1] = token(t) end
    local i = 1
    while i <= #tokens do
      -- A figure starts with digits or a number word: other tokens are passed at once.
      local attrs, last, first
      if tokens[i].digit or number_words[tokens[i].lower] then attrs, last, first = read_figure(tokens, i) end
      if attrs then
        -- "1,200 km." at the end of a sentence: the full stop is not part of the figure.
        local stop = tokens[last].stop
        if last > i and tokens[last].text:sub(-1) == "." then stop = stop - 1 end
        found[#found + 1] = doc:annotate("figure", tokens[first].start, stop, attrs)
        i = last + 1
      else
        i = i + 1
      end
    end
  end
  return found
end

return M
