-- Run with `loupe test plugins/figures`.
local figures = require "figures"

--- The figures of `text`, as {text, value, comparator, unit, noun, rule} tables.
local function read(text)
  local out = {}
  local doc = loupe.document(text)  -- held: a span lives as long as its document
  for _, f in ipairs(figures.annotate(doc)) do
    local a = f.attrs
    out[#out + 1] = {text = f.text, value = a.value, comparator = a.comparator, unit = a.unit, noun = a.noun, rule = a.rule}
  end
  return out
end

describe("figures.annotate", function()
  it("reads counts with the noun they count", function()
    expect(read("Officials said 5,000 children were moved.")).to_equal{
      {text = "5,000", value = 5000, comparator = "=", noun = "children", rule = "count"},
    }
  end)

  it("reads comparators before the figure, longest first", function()
    local found = read("More than 300 parents came, nearly 40 teachers, just over 20 nurses and about 12 cooks.")
    expect(#found).to_be(4)
    expect(found[1].comparator).to_be(">")
    expect(found[1].text).to_be("More than 300")
    expect(found[2].comparator).to_be("<~")
    expect(found[3].comparator).to_be(">~")
    expect(found[4].comparator).to_be("~")
  end)

  it("reads currencies, with their scale", function()
    local found = read("The plan costs $1.5bn, up from £20m and 300 pounds.")
    expect(found[1]).to_equal{text = "$1.5bn", value = 1500000000, comparator = "=", unit = "USD", rule = "currency"}
    expect(found[2].value).to_be(20000000)
    expect(found[2].unit).to_be("GBP")
    expect(found[3].unit).to_be("GBP")
    expect(found[3].value).to_be(300)
  end)

  it("reads percentages written three ways", function()
    local found = read("Turnout was 50%, then 12.5 per cent, then 7 percent.")
    expect(#found).to_be(3)
    for _, f in ipairs(found) do expect(f.unit).to_be("%") end
    expect(found[2].value).to_be(12.5)
  end)

  it("reads scale words and number words", function()
    local found = read("Some 3 million parents and seven teachers, two hundred people in all.")
    expect(found[1].value).to_be(3000000)
    expect(found[1].comparator).to_be("~")
    expect(found[2]).to_equal{text = "seven", value = 7, comparator = "=", noun = "teachers", rule = "count"}
    expect(found[3].value).to_be(200)
  end)

  it("reads measures and leaves the full stop out", function()
    local found = read("They drove 1,200 km.")
    expect(found[1]).to_equal{text = "1,200 km", value = 1200, comparator = "=", unit = "km", rule = "measure"}
  end)

  it("leaves years and lone number words alone", function()
    expect(#read("In 2016 one of them left.")).to_be(0)
  end)

  it("adds the figure layer once", function()
    local doc = loupe.document("Nearly 40 teachers left.")
    expect(#figures.annotate(doc)).to_be(1)
    expect(#figures.annotate(doc)).to_be(1)
    expect(#doc:layer("figure")).to_be(1)
  end)
end)
