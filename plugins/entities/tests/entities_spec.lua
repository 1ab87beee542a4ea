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

  it("reads a description before a name as its title", function()
    -- "Union" is part of what the person does, not an organisation.
    local found = read("Union organiser Jana Novak met the mayor.")
    expect(#found).to_be(1)
    expect(found[1]).to_equal{layer = "person", text = "Jana Novak", canonical = "Jana Novak", rule = "title"}
    local doc = loupe.document("Chief financial officer Omar Idris resigned. Economist Vera Lund was surprised.")
    local people = entities.annotate(doc)
    expect(people[1].attrs.title).to_be("Chief financial officer")
    expect(people[2].text).to_be("Vera Lund")
    expect(people[2].attrs.title).to_be("Economist")
  end)

  it("reads an appositive description and one with a plural possessive", function()
    local doc = loupe.document("The opposition leader, Kaja Strand, said no. Bus drivers' representative Leo Marr agreed.")
    local people = entities.annotate(doc)
    expect(#people).to_be(2)
    expect(people[1].attrs.title).to_be("opposition leader")
    expect(people[2].text).to_be("Leo Marr")
    expect(people[2].attrs.title).to_be("Bus drivers' representative")
  end)

  it("keeps a name at the start of a description as a mention when it is one", function()
    -- "Hale" is a person the document names; "Green Party" a name of its own.
    local found = read("Minister Ruth Hale spoke. Hale adviser Ivo Kern and Green Party candidate Ana Ruiz listened.")
    expect(found[2]).to_equal{layer = "person", text = "Hale", canonical = "Ruth Hale", rule = "alias"}
    expect(found[3].text).to_be("Ivo Kern")
    expect(found[4]).to_equal{layer = "organization", text = "Green Party", canonical = "Green Party", rule = "org-head"}
    expect(found[5].text).to_be("Ana Ruiz")
  end)

  it("does not take a common word that begins a sentence for a speaker", function()
    -- "people" is written in lower case too; "Opponents" is a common noun for a group.
    expect(#read("People told me the bridge was unsafe. Most people agreed.")).to_be(0)
    expect(#read("Opponents said the levy was unfair.")).to_be(0)
    -- An institution named by its head word still counts: "Police".
    local found = read("Police said the road was closed, and the police reopened it later.")
    expect(found[1]).to_equal{layer = "organization", text = "Police", canonical = "Police", rule = "org-head"}
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

  it("keeps a plural possessive inside an organisation's name", function()
    local found = read("The Weavers’ Union and the Millers' Guild wrote to Tomas Kray.")
    expect(#found).to_be(3)
    expect(found[1]).to_equal{layer = "organization", text = "Weavers’ Union", canonical = "Weavers’ Union", rule = "org-head"}
    expect(found[2]).to_equal{layer = "organization", text = "Millers' Guild", canonical = "Millers' Guild", rule = "org-head"}
    expect(found[3].layer).to_be("person")
  end)

  it("reads companies and schools by their last word", function()
    local found = read("Brightwater Energy and Northfield Rail will sponsor Oakwood Primary.")
    expect(#found).to_be(3)
    for _, e in ipairs(found) do expect(e.layer).to_be("organization") end
    expect(found[2].text).to_be("Northfield Rail")
  end)

  it("reads a name before a noun for an area as a place", function()
    local found = read("Turnout in the Millbrook ward was low.")
    expect(found[1]).to_equal{layer = "place", text = "Millbrook ward", canonical = "Millbrook ward", rule = "place-noun"}
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
