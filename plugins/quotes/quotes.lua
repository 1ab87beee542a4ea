-- quotes (bundled with Loupe): require "quotes"
local M = {}

-- Opening and closing marks: straight double quotes, and typographic ones (“…”).
local pairs_of_marks = {
  {open = '"', close = '"'},
  {open = "\u{201C}", close = "\u{201D}"},
}

--- The speaker named right after a quote ("…," said Ann / "…," Ann said), or nil.
local function speaker_after(text, stop)
  local after = text:sub(stop + 1, stop + 80)
  local name = after:match("^[,.]?%s*said%s+(%u[%w%-]*%s?%u?[%w%-]*)")
    or after:match("^[,.]?%s*(%u[%w%-]*%s?%u?[%w%-]*)%s+said")
  if name then name = name:gsub("%s+$", "") end
  return name
end

--- The quoted passages of `text`, in order: each {quote = "…", start = i, stop = j, speaker = name or nil},
--- where start and stop are the byte positions of the marks.
function M.find(text)
  local found = {}
  for _, marks in ipairs(pairs_of_marks) do
    local from = 1
    while true do
      local open_start, open_stop = text:find(marks.open, from, true)
      if not open_start then break end
      local close_start, close_stop = text:find(marks.close, open_stop + 1, true)
      if not close_start then break end
      local quote = text:sub(open_stop + 1, close_start - 1)
      if quote:find("%S") then
        found[#found + 1] = {quote = quote, start = open_start, stop = close_stop, speaker = speaker_after(text, close_stop)}
      end
      from = close_stop + 1
    end
  end
  table.sort(found, function(a, b) return a.start < b.start end)
  return found
end

--- The quotes of a document, as rows ready for emit: {doc, n, quote, speaker}.
function M.rows(doc)
  local rows = {}
  for i, q in ipairs(M.find(doc.text)) do
    rows[i] = {doc = doc.id, n = i, quote = q.quote, speaker = q.speaker or ""}
  end
  return rows
end

return M
