-- Tries everything a plugin must not do; each attempt returns the error it got ("ALLOWED" if none).
local M = {}

local function try(f, ...)
  local ok, result = pcall(f, ...)
  if ok then return "ALLOWED: " .. tostring(result) end
  return tostring(result)
end

function M.attempts()
  return {
    ssh_key = try(loupe.fs.read, "~/.ssh/id_rsa"),
    ssh_key_io = try(function() return io.open(os.getenv and os.getenv("HOME") or "/etc/passwd") end),
    ssh_lines = try(loupe.fs.lines, "~/.ssh/id_rsa"),
    list_home = try(loupe.fs.list, "~"),
    dot_dot = try(loupe.fs.read, "../../../home/.ssh/id_rsa"),
    symlink = try(loupe.fs.read, "link/id_rsa"),
    write_outside = try(loupe.fs.write, "../pwned.txt", "pwned"),
    write_own = try(loupe.fs.write, "pwned.txt", "pwned"),
    loadlib = try(function() return package.loadlib("libc.so.6", "system") end),
    cpath = try(function() return package.cpath end),
    popen = try(function() return io.popen("id") end),
    execute = try(function() return os.execute("id") end),
    remove = try(function() return os.remove("/tmp/x") end),
    exec = try(loupe.exec, {"id"}),
    -- Globals of the script and of another plugin are out of reach.
    script_global = tostring(script_secret),
    other_plugin_global = tostring(gazetteer_secret),
    raw_global = tostring(rawget(_G, "script_secret")),
    -- Changing its own copy of the libraries changes nobody else's.
    tamper = try(function() string.upper = function() return "hacked" end; math.pi = 3; _G.gazetteer_secret = "evil" end),
    -- Another plugin's module table (its exported functions) cannot be changed or emptied.
    replace_function = try(function() require("gazetteer").find = function() return {"hijacked"} end end),
    add_field = try(function() rawset(require("gazetteer"), "places", function() return {} end); return "rawset" end),
    nested = try(function() require("gazetteer").loads = 99 end),
    args = try(function() loupe.args[1] = "evil"; loupe.args.extra = true; return "own copy" end),
  }
end

return M
