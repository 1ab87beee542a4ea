local M = {}
function M.find(text, names)
  local found = {}
  for _, name in ipairs(names) do
    if text:find(name, 1, true) then found[#found + 1] = name end
  end
  return found
end
-- Modules of one plugin share its globals.
function M.peek() return gazetteer_secret end
return M
