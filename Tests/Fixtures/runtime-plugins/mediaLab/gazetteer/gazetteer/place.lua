-- A class: the module is the metatable of its objects, as Lua code often does.
local Place = {}
Place.__index = Place
Place.__tostring = function(p) return "Place(" .. p.name .. ")" end

function Place.new(name) return setmetatable({name = name}, Place) end
function Place:shout() return self.name:upper() end

return Place
