-- More than a hundred sentences, each with the date it mentions and what that means
-- (tests/cases.lua): the text, value, kind and rule must all come out.
local dates = require "dates"
local cases = load(loupe.fs.read("tests/cases.lua"), "=tests/cases.lua")()

describe("dates.annotate on " .. #cases .. " sentences", function()
  for n, case in ipairs(cases) do
    local sentence, published, want = case[1], case[2], case[3]
    it(string.format("#%d %s (published %s)", n, sentence, published or "-"), function()
      local doc = loupe.document(sentence, {date = published})  -- held: spans live as long as it
      local found = dates.annotate(doc)[1]
      expect(found ~= nil).to_be(true)
      local a = found.attrs
      expect({text = found.text, value = a.value, kind = a.kind, rule = a.rule}).to_equal(want)
    end)
  end
end)
