/// The functions spec files (`tests/*_spec.lua`) use, in Lua: run inside the spec's sandbox
/// before the spec, as ordinary code of the spec.
///
/// - `describe(name, fn)` groups tests (nested groups join their names with ` › `);
/// - `it(name, fn)` is one test: it passes unless `fn` raises;
/// - `expect(value)` gives the matchers, each of which raises with the spec's line when it
///   does not hold: `.to_be(y)` (`==`), `.to_equal(y)` (deep: tables key by key),
///   `.to_be_truthy()`, `.to_be_falsy()`, `.to_contain(v)` (a substring of a string, or an
///   element of a list, deeply equal), `.to_fail(pattern)` (the value is a function that
///   raises, with a message matching the Lua pattern if one is given);
/// - `fixture(name)` (from Swift) reads a file of the spec's folder as a document.
///
/// The chunk returns a function that gives the results: `{passed = n, failures = {{name =,
/// message =}, …}}`.
enum SpecLibrary {
    static let source = #"""
        local results = {passed = 0, failures = {}}
        local groups = {}
        local concat, sort, type, tostring, pairs, ipairs, pcall, error = table.concat, table.sort, type, tostring, pairs, ipairs, pcall, error

        local function show(value, depth)
          depth = depth or 0
          if type(value) == "string" then return string.format("%q", value) end
          if type(value) ~= "table" or depth > 3 then return tostring(value) end
          local keys = {}
          for key in pairs(value) do keys[#keys + 1] = key end
          sort(keys, function(a, b)
            if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
            return type(a) < type(b)
          end)
          local parts = {}
          for _, key in ipairs(keys) do
            local shown = show(value[key], depth + 1)
            if math.type(key) == "integer" and key >= 1 and key <= #value then
              parts[#parts + 1] = shown
            elseif type(key) == "string" and key:match("^[%a_][%w_]*$") then
              parts[#parts + 1] = key .. " = " .. shown
            else
              parts[#parts + 1] = "[" .. show(key, depth + 1) .. "] = " .. shown
            end
          end
          return "{" .. concat(parts, ", ") .. "}"
        end

        -- A table one entry a line, nested tables indented, for the diff of a failed to_equal.
        local function lines_of(value, indent, label, out, depth)
          if type(value) ~= "table" or depth > 8 then
            out[#out + 1] = indent .. label .. show(value, 4)
            return out
          end
          out[#out + 1] = indent .. label .. "{"
          local keys = {}
          for key in pairs(value) do keys[#keys + 1] = key end
          sort(keys, function(a, b)
            if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
            return type(a) < type(b)
          end)
          for _, key in ipairs(keys) do
            local name
            if math.type(key) == "integer" and key >= 1 and key <= #value then
              name = ""
            elseif type(key) == "string" and key:match("^[%a_][%w_]*$") then
              name = key .. " = "
            else
              name = "[" .. show(key, 4) .. "] = "
            end
            lines_of(value[key], indent .. "  ", name, out, depth + 1)
          end
          out[#out + 1] = indent .. "}"
          return out
        end
        local last_diff

        local function equal(a, b)
          if a == b then return true end
          if type(a) ~= "table" or type(b) ~= "table" then return false end
          for key, value in pairs(a) do if not equal(value, b[key]) then return false end end
          for key in pairs(b) do if a[key] == nil then return false end end
          return true
        end

        function describe(name, body)
          groups[#groups + 1] = tostring(name)
          local ok, message = pcall(body)
          groups[#groups] = nil
          if not ok then
            results.failures[#results.failures + 1] = {name = concat(groups, " › ") .. (#groups > 0 and " › " or "") .. tostring(name), message = tostring(message)}
          end
        end

        function it(name, body)
          local full = concat(groups, " › ") .. (#groups > 0 and " › " or "") .. tostring(name)
          last_diff = nil
          local ok, message = pcall(body)
          if ok then
            results.passed = results.passed + 1
          else
            local failure = {name = full, message = tostring(message)}
            if last_diff then failure.expected_lines, failure.actual_lines = last_diff[1], last_diff[2] end
            results.failures[#results.failures + 1] = failure
          end
          last_diff = nil
        end

        function expect(actual)
          local m = {}
          function m.to_be(expected)
            if actual ~= expected then error("expected " .. show(expected) .. ", got " .. show(actual), 2) end
          end
          function m.to_equal(expected)
            if not equal(actual, expected) then
              if type(actual) == "table" and type(expected) == "table" then
                last_diff = {lines_of(expected, "", "", {}, 0), lines_of(actual, "", "", {}, 0)}
                error("the tables differ (- expected, + actual)", 2)
              end
              error("expected " .. show(expected) .. ", got " .. show(actual), 2)
            end
          end
          function m.to_be_truthy()
            if not actual then error("expected a true value, got " .. show(actual), 2) end
          end
          function m.to_be_falsy()
            if actual then error("expected false or nil, got " .. show(actual), 2) end
          end
          function m.to_contain(item)
            if type(actual) == "string" then
              if not actual:find(tostring(item), 1, true) then error("expected " .. show(actual) .. " to contain " .. show(item), 2) end
              return
            elseif type(actual) == "table" then
              for _, value in ipairs(actual) do if equal(value, item) then return end end
            end
            error("expected " .. show(actual) .. " to contain " .. show(item), 2)
          end
          function m.to_fail(pattern)
            if type(actual) ~= "function" then error("to_fail expects a function, got " .. show(actual), 2) end
            local ok, message = pcall(actual)
            if ok then error("expected the function to fail" .. (pattern and " with " .. show(pattern) or "") .. ", but it returned", 2) end
            if pattern and not tostring(message):find(pattern) then
              error("expected a failure matching " .. show(pattern) .. ", got " .. show(tostring(message)), 2)
            end
          end
          return m
        end

        return function() return results end
        """#
}
