-- quotes-over-time.lua: how many quotes the corpus has per month, and from whom.
--
--   loupe run scripts/quotes-over-time.lua examples/articles/ --report over-time.html
--   loupe run scripts/quotes-over-time.lua corpus/ -o months.csv -- week
--
-- A document's date is doc.meta.date (a Date: header, front matter or the seed's date
-- field); failing that, a YYYY-MM-DD in its file name, as in PolNeAR's. Documents with
-- neither are counted and left out. Rows: the quotes of each speaker on each date. The
-- report adds them up by period — the optional argument: day, week, month (the default) or
-- year — for the whole corpus, and for the five most quoted speakers, one line each.

local quotes = require "quotes"

local period = loupe.args[1] or "month"
local periods = {day = true, week = true, month = true, year = true}
assert(periods[period], "the period after -- must be day, week, month or year, not '" .. period .. "'")

local per_day = loupe.counter("per_day")          -- key: date
local per_speaker = loupe.counter("per_speaker")  -- key: speaker, a tab, date
local speakers = loupe.counter("speakers")
local undated = loupe.counter("undated")

local function date_of(doc)
  return doc.meta.date or doc.id:match("%d%d%d%d%-%d%d%-%d%d")
end

function document(doc)
  local date = date_of(doc)
  if not date then undated:add("documents") return end
  for _, q in ipairs(quotes.annotate(doc)) do
    per_day:add(date)
    local speaker = q.attrs.speaker_name or q.attrs.speaker
    if speaker then
      per_speaker:add(speaker .. "\t" .. date)
      speakers:add(speaker)
    end
  end
end

function finish(report)
  -- Rows for the chart of the top five: {key = date, speaker = name, count = n}.
  local top, rows = {}, {}
  for _, s in ipairs(speakers:top(5)) do top[s.key] = true end
  for _, key in ipairs(per_speaker:keys()) do        -- sorted: by speaker, then date
    local speaker, date = key:match("^(.*)\t(.*)$")
    local count = per_speaker:get(key)
    emit{speaker = speaker, date = date, quotes = count}
    if top[speaker] then rows[#rows + 1] = {key = date, speaker = speaker, count = count} end
  end

  report:heading("Quotes over time", 1)
  report:line_chart("Quotes per " .. period, per_day:top(), {by = period, y = "quotes"})
  report:line_chart("Quotes per " .. period .. " of the five most quoted speakers", rows,
                    {by = period, series = "speaker", y = "quotes"})
  if undated:get("documents") > 0 then
    report:paragraph(undated:get("documents") .. " documents had no date and are not counted.")
  end
end
