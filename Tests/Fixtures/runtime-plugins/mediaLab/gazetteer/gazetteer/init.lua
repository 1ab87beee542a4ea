-- A global of this plugin's own environment: neither the script nor other plugins see it.
gazetteer_secret = "kept in the gazetteer's globals"

local match = require "gazetteer.match"
local M = {loads = (M_loads or 0) + 1}
M_loads = M.loads

--- The place names, read from the plugin's own folder by a relative path.
function M.places()
  local names = {}
  for line in loupe.fs.lines("data/places.txt") do names[#names + 1] = line end
  return names
end

--- The places of the list found in `text`.
function M.find(text) return match.find(text, M.places()) end

--- What a second module of the same plugin sees of this plugin's globals.
function M.shared_global() return match.peek() end

--- Reads a file by an absolute path (granted or not).
function M.read(path) return loupe.fs.read(path) end

return M
