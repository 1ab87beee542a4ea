-- Run with `loupe test plugins/dates`.
local dates = require "dates"

--- The dates of `text` published on `date`, as {text, value, kind, rule} tables.
local function read(text, date)
  local out = {}
  local doc = loupe.document(text, {date = date})  -- held: a span lives as long as its document
  for _, d in ipairs(dates.annotate(doc)) do
    out[#out + 1] = {text = d.text, value = d.attrs.value, kind = d.attrs.kind, rule = d.attrs.rule}
  end
  return out
end

describe("explicit dates", function()
  it("reads the common ways of writing a day", function()
    local found = read("On 14 January 2021, then January 15, 2021, then 2021-01-16, then Jan. 17.", "2021-03-01")
    expect(#found).to_be(4)
    expect(found[1]).to_equal{text = "14 January 2021", value = "2021-01-14", kind = "explicit", rule = "day-month-year"}
    expect(found[2].value).to_be("2021-01-15")
    expect(found[3].rule).to_be("iso")
    expect(found[4].value).to_be("2021-01-17")  -- the year of publication
  end)

  it("reads months and years", function()
    local found = read("Sales fell in March 2020 and have grown since 2019.")
    expect(found[1]).to_equal{text = "March 2020", value = "2020-03", kind = "explicit", rule = "month-year"}
    expect(found[2]).to_equal{text = "2019", value = "2019", kind = "explicit", rule = "year"}
  end)

  it("does not take may and march for months", function()
    expect(#read("They may march on the capital.")).to_be(0)
  end)
end)

describe("relative dates", function()
  -- 2021-01-14 was a Thursday.
  it("counts weekdays back from the publication day", function()
    local found = read("The minister resigned on Tuesday and will speak next Monday; last Thursday she was silent.", "2021-01-14")
    expect(found[1].value).to_be("2021-01-12")
    expect(found[2].value).to_be("2021-01-18")
    expect(found[3].value).to_be("2021-01-07")
    expect(found[3].text).to_be("last Thursday")
  end)

  it("reads named days and periods as dates and ranges", function()
    local found = read("Yesterday the board met; last week it was silent; next month it votes.", "2021-01-14")
    expect(found[1].value).to_be("2021-01-13")
    expect(found[2].value).to_be("2021-01-04/2021-01-10")
    expect(found[3].value).to_be("2021-02")
  end)

  it("counts ago from publication and later from the date before", function()
    local found = read("Two years ago the plant closed. It opened on 1 March 2010 and was sold three years later.", "2021-01-14")
    expect(found[1]).to_equal{text = "Two years ago", value = "2019", kind = "relative", rule = "ago"}
    expect(found[3].value).to_be("2013")
  end)

  it("marks relative dates without a publication date", function()
    local found = read("The vote is on Friday.")
    expect(#found).to_be(1)
    expect(found[1].value).to_be(nil)
    expect(found[1].kind).to_be("relative")
  end)
end)
