-- dates: the dates a document mentions, explicit or relative, as ISO dates or ranges.
--
--   local dates = require "dates"
--   for _, d in ipairs(dates.annotate(doc)) do print(d.text, d.attrs.value) end
--
-- Every date becomes a span of the layer "date" with the attributes
--   value     an ISO date ("2021-01-14"), month ("2021-01") or year ("2021"), or a range of
--             days "2021-01-04/2021-01-10"; nil when a relative date has no anchor
--   kind      "explicit" (the text names the date) or "relative" ("Thursday", "last week")
--   anchor    the date a relative one was counted from: doc.meta.date, or for "… later" the
--             date mentioned before it
--   rule      which rule read it: "iso", "day-month-year", "month-day-year", "day-month",
--             "month-year", "year", "weekday", "named-day", "named-period", "ago", "later"
-- Relative dates need doc.meta.date (YYYY-MM-DD): without it they are marked, value nil.

local M = {}

local months = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7, august = 8,
  september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9, oct = 10,
  nov = 11, dec = 12,
}
local weekdays = {monday = 2, tuesday = 3, wednesday = 4, thursday = 5, friday = 6, saturday = 7, sunday = 1}
local counts = {
  a = 1, an = 1, one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7, eight = 8,
  nine = 9, ten = 10, eleven = 11, twelve = 12,
}
local day_offsets = {yesterday = -1, today = 0, tomorrow = 1}
local period_shifts = {last = -1, this = 0, next = 1}
local units = {day = "day", days = "day", week = "week", weeks = "week", month = "month", months = "month",
  year = "year", years = "year"}

-- The words a date can start with (digits aside): months, weekdays, named days and periods,
-- and counts ("two years ago").
local starters = {}
for _, words in ipairs{months, weekdays, day_offsets, period_shifts, counts} do
  for word in pairs(words) do starters[word] = true end
end

-- Calendar arithmetic on {year, month, day} tables, through os.time at noon (no DST edge).
local function day(y, m, d)
  local t = os.date("*t", os.time{year = y, month = m, day = d, hour = 12})
  return {year = t.year, month = t.month, day = t.day, wday = t.wday}
end
local function iso(d) return string.format("%04d-%02d-%02d", d.year, d.month, d.day) end
local function add_days(d, n) return day(d.year, d.month, d.day + n) end
local function add_months(d, n)
  local last = day(d.year, d.month + n + 1, 0).day  -- the last day of the target month
  return day(d.year, d.month + n, math.min(d.day, last))
end
local function week_of(d)  -- Monday to Sunday around d
  local monday = add_days(d, -((d.wday + 5) % 7))
  return iso(monday) .. "/" .. iso(add_days(monday, 6))
end

local function parse_iso(text)
  local y, m, d = (text or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  return day(tonumber(y), tonumber(m), tonumber(d))
end

-- "May" and "March" are months only when capitalised ("we may march").
local function month_of(token)
  if not token then return nil end
  local lower = token.lower
  local m = months[lower] or (lower:byte(-1) == 46 and months[lower:sub(1, -2)])  -- "Jan."
  if (lower == "may" or lower == "march") and not token.is_title then return nil end
  return m
end
local function day_number(token)
  local digits = token and token.text:match("^(%d%d?)%a?%a?$")  -- 14, 1st, 22nd, 3rd, 28th
  local n = digits and tonumber(digits)
  return n and n >= 1 and n <= 31 and n or nil
end
local function year_number(token)
  local n = token and token.text:match("^%d%d%d%d$") and tonumber(token.text)
  return n and n >= 1800 and n <= 2099 and n or nil
end

--- The explicit date that starts at token i: value, rule, index of its last token; or nil.
local function explicit(tokens, i)
  local t = tokens[i]
  local y, m, d = t.text:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then return string.format("%s-%s-%s", y, m, d), "iso", i end  -- 2021-01-14
  -- 14 January 2021, 14 January
  local dn, mn = day_number(t), month_of(tokens[i + 1])
  if dn and mn then
    local yn = year_number(tokens[i + 2])
    if yn then return iso(day(yn, mn, dn)), "day-month-year", i + 2 end
    return {month = mn, day = dn}, "day-month", i + 1
  end
  -- January 14, 2021; January 14; January 2021
  mn = month_of(t)
  if mn then
    dn = day_number(tokens[i + 1])
    if dn then
      local j = i + 1
      if tokens[j + 1] and tokens[j + 1].text == "," then j = j + 1 end
      local yn = year_number(tokens[j + 1])
      if yn then return iso(day(yn, mn, dn)), "month-day-year", j + 1 end
      return {month = mn, day = dn}, "day-month", i + 1
    end
    local yn = year_number(tokens[i + 1])
    if yn then return string.format("%04d-%02d", yn, mn), "month-year", i + 1 end
  end
  -- in 2019, since 2019
  local yn = year_number(t)
  local before = tokens[i - 1]
  if yn and before and (before.lower == "in" or before.lower == "since" or before.lower == "by" or before.lower == "until") then
    return tostring(yn), "year", i
  end
  return nil
end

--- The relative date that starts at token i, counted from `anchor` ({year, month, day} or
--- nil): value (nil without an anchor), rule, index of its last token, first token; or nil.
local function relative(tokens, i, anchor, previous)
  local t = tokens[i]
  local lower = t.lower
  -- yesterday, today, tomorrow
  if day_offsets[lower] then
    return anchor and iso(add_days(anchor, day_offsets[lower])), "named-day", i, i
  end
  -- (last|next|this) Thursday, on Thursday
  local wd = weekdays[lower]
  if wd and t.is_title then
    local first, direction = i, 0
    local before = tokens[i - 1]
    if before and (before.lower == "last" or before.lower == "next" or before.lower == "this") then
      first, direction = i - 1, before.lower == "last" and -1 or before.lower == "next" and 1 or 0
    end
    if not anchor then return nil, "weekday", i, first end
    -- In news, a bare weekday is the most recent one (on or before the publication day).
    local back = (anchor.wday - wd) % 7
    local target
    if direction == 1 then
      target = add_days(anchor, (wd - anchor.wday) % 7 == 0 and 7 or (wd - anchor.wday) % 7)
    elseif direction == -1 then
      target = add_days(anchor, -(back == 0 and 7 or back))
    else
      target = add_days(anchor, -back)
    end
    return iso(target), "weekday", i, first
  end
  -- last/this/next week, month, year
  local shift = period_shifts[lower]
  local unit = tokens[i + 1] and units[tokens[i + 1].lower]
  if shift and unit and unit ~= "day" and not tokens[i + 1].lower:find("s$") then
    if not anchor then return nil, "named-period", i + 1, i end
    if unit == "week" then return week_of(add_days(anchor, 7 * shift)), "named-period", i + 1, i end
    if unit == "month" then
      local m = add_months({year = anchor.year, month = anchor.month, day = 1}, shift)
      return string.format("%04d-%02d", m.year, m.month), "named-period", i + 1, i
    end
    return tostring(anchor.year + shift), "named-period", i + 1, i
  end
  -- two years ago, three days later
  local n = counts[lower] or (t.text:match("^%d+$") and tonumber(t.text))
  unit = tokens[i + 1] and units[tokens[i + 1].lower]
  local word = tokens[i + 2] and tokens[i + 2].lower
  if n and unit and (word == "ago" or word == "later" or word == "earlier") then
    local from = word == "ago" and anchor or previous
    local sign = word == "later" and 1 or -1
    if not from then return nil, word == "ago" and "ago" or "later", i + 2, i end
    local moved
    if unit == "day" then moved = add_days(from, sign * n)
    elseif unit == "week" then moved = add_days(from, sign * 7 * n)
    elseif unit == "month" then moved = add_months(from, sign * n)
    else moved = add_months(from, sign * 12 * n) end
    local granular = unit == "year" and tostring(moved.year) or unit == "month"
        and string.format("%04d-%02d", moved.year, moved.month) or iso(moved)
    return granular, word == "ago" and "ago" or "later", i + 2, i, from
  end
  return nil
end

-- A sentence's tokens as plain tables: the text and its lower case are read once per token
-- (the rules look at them again and again); other fields come from the span when asked.
local Token = {__index = function(record, key) return record.span[key] end}
local function token(span)
  local text = span.text
  local first = text:byte(1)
  return setmetatable({text = text, lower = text:lower(), digit = first ~= nil and first >= 48 and first <= 57, span = span}, Token)
end

--- Finds the dates of `doc`, adds them to its "date" layer and returns them (spans, in
--- document order). Relative dates count from doc.meta.date; "… later" and "… earlier" from
--- the date mentioned before them. A second call returns the same spans.
function M.annotate(doc)
  local existing = doc:layer("date")
  if existing then
    local found = {}
    for span in existing do found[#found + 1] = span end
    return found
  end
  local anchor = parse_iso(doc.meta.date)
  local previous = anchor  -- the last full date mentioned, for "two years later"
  local found = {}
  for sentence in doc:sentences() do
    local tokens = {}
    for t in sentence:tokens() do tokens[#tokens + 1] = token(t) end
    local i = 1
    while i <= #tokens do
      -- Most tokens can start no date: a table lookup says so before any pattern runs.
      local lower = tokens[i].lower
      if not (tokens[i].digit or starters[lower] or (lower:byte(-1) == 46 and starters[lower:sub(1, -2)])) then
        i = i + 1
        goto next_token
      end
      local value, rule, last = explicit(tokens, i)
      local first, kind, from = i, "explicit", nil
      if value and type(value) == "table" then
        -- A day and month without a year: the year of the anchor (or nil without one).
        value = anchor and iso(day(anchor.year, value.month, value.day)) or nil
      end
      if not rule then
        value, rule, last, first, from = relative(tokens, i, anchor, previous)
        kind = "relative"
        from = from or anchor
      end
      if rule then
        local attrs = {value = value, kind = kind, rule = rule}
        if kind == "relative" and from then attrs.anchor = iso(from) end
        found[#found + 1] = doc:annotate("date", tokens[first].start, tokens[last].stop, attrs)
        local full = value and parse_iso(value)
        if full then previous = full end
        i = last + 1
      else
        i = i + 1
      end
      ::next_token::
    end
  end
  return found
end

return M
