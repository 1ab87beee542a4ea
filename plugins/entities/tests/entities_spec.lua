-- Run with `loupe test plugins/entities`.
local entities = require "entities"

--- The mentions of `text` as {layer, text, canonical, rule} tables.
local function read(text)
  local out = {}
  local doc = loupe.document(text)  -- held: a span lives as long as its document
  for _, e in ipairs(entities.annotate(doc)) do
    out[#out + 1] = {layer = e.layer, text = e.text, canonical = e.attrs.canonical, rule = e.attrs.rule}
  end
  return out
end

describe("people", function()
  it("takes the name after a title and keeps the title", function()
    local doc = loupe.document("Deputy Attorney General Rod J. Rosenstein spoke first.")
    local found = entities.annotate(doc)
    expect(found[1].text).to_be("Rod J. Rosenstein")
    expect(found[1].attrs.title).to_be("Deputy Attorney General")
    expect(found[1].attrs.rule).to_be("title")
  end)

  it("links a later surname to the fullest name", function()
    local found = read("Councillor Mary Okafor opened the meeting. Later, Okafor said the budget was tight.")
    expect(found[1].canonical).to_be("Mary Okafor")
    expect(found[2]).to_equal{layer = "person", text = "Okafor", canonical = "Mary Okafor", rule = "alias"}
  end)

  it("takes a lone capitalised word before a verb of saying for a speaker", function()
    local found = read("The plan is dead, Henderson said.")
    expect(found[1]).to_equal{layer = "person", text = "Henderson", canonical = "Henderson", rule = "speaker"}
  end)

  it("keeps a title word that is the name itself", function()
    local found = read("Mr. King declined to comment.")
    expect(found[1].text).to_be("King")
  end)
end)

describe("organisations and places", function()
  it("reads listed names and aliases with their canonical name", function()
    local found = read("The FBI and the U.S. Department of Justice met officials from the EU.")
    expect(found[1].canonical).to_be("Federal Bureau of Investigation")
    expect(found[2]).to_equal{layer = "organization", text = "U.S. Department of Justice", canonical = "Department of Justice", rule = "gazetteer"}
    expect(found[3].canonical).to_be("European Union")
  end)

  it("reads organisation heads and capitals inside a word", function()
    local found = read("The Harbour Trust wrote to the Ministry of Fisheries, and FactCheckers replied.")
    expect(found[1]).to_equal{layer = "organization", text = "Harbour Trust", canonical = "Harbour Trust", rule = "org-head"}
    expect(found[2].text).to_be("Ministry of Fisheries")
    expect(found[3].rule).to_be("camel-case")
  end)

  it("splits names joined by and, unless the whole is one name", function()
    local found = read("Officials in Bosnia and Herzegovina spoke to Washington and Paris.")
    expect(#found).to_be(3)
    expect(found[1].text).to_be("Bosnia and Herzegovina")
    expect(found[2].layer).to_be("place")
    expect(found[3].text).to_be("Paris")
  end)

  it("leaves sentence-initial words and weekdays alone", function()
    expect(#read("However, on Monday the rain stopped.")).to_be(0)
  end)
end)
