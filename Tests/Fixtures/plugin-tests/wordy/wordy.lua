local M = {}
--- One row per sentence: its index and its number of words.
function M.sentences(doc)
  local out = {}
  for s in doc:sentences() do
    local n = 0
    for t in s:tokens() do if not t.is_punct then n = n + 1 end end
    out[#out + 1] = {sentence = s.index, words = n}
  end
  return out
end
return M
