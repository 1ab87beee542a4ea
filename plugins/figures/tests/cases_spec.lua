-- More than a hundred sentences, each with the figure it states and what that means
-- (tests/cases.lua): the text, value, comparator, unit and counted noun must all come out.
local figures = require "figures"
local cases = load(loupe.fs.read("tests/cases.lua"), "=tests/cases.lua")()

describe("figures.annotate on " .. #cases .. " sentences", function()
  for n, case in ipairs(cases) do
    local sentence, want = case[1], case[2]
    it(string.format("#%d %s", n, sentence), function()
      local doc = loupe.document(sentence)  -- held: a span lives as long as its document
      local found = figures.annotate(doc)[1]
      expect(found ~= nil).to_be(true)
      local a = found.attrs
      expect({text = found.text, value = a.value, comparator = a.comparator, unit = a.unit, noun = a.noun})
        .to_equal{text = want.text, value = want.value, comparator = want.comparator, unit = want.unit, noun = want.noun}
    end)
  end
end)
