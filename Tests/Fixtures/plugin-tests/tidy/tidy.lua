local M = {}
--- The words of a document's text, lower-cased.
function M.words(doc)
  local out = {}
  for t in doc:tokens() do
    if not t.is_punct then out[#out + 1] = t.lower end
  end
  return out
end
--- Place names from the plugin's own list, read by a relative path.
function M.places()
  local names = {}
  for line in loupe.fs.lines("places.txt") do names[#names + 1] = line end
  return names
end
return M
