-- Run with `loupe test plugins/quotes`.
local quotes = require "quotes"

--- The quotes of `text` as plain tables: text, kind, rule, cue, speaker, speaker_name, parts.
local function read(text, kind)
  local out = {}
  local doc = loupe.document(text)  -- kept alive while its spans are read
  for _, q in ipairs(quotes.annotate(doc)) do
    local a = q.attrs
    if not kind or a.kind == kind then
      out[#out + 1] = {text = q.text, kind = a.kind, rule = a.rule, cue = a.cue, speaker = a.speaker,
        speaker_name = a.speaker_name, speaker_title = a.speaker_title, speaker_rule = a.speaker_rule, parts = a.texts,
        speaker_start = a.speaker_start, speaker_stop = a.speaker_stop, part_rules = a.part_rules,
        quoted = a.quoted}
    end
  end
  return out
end

describe("quotation marks", function()
  it("reads straight, curly and international marks", function()
    local found = read('"The bridge will open in May," Ana Ruiz said.\n\n'
      .. '“We have waited long enough,” Tom Berg said.\n\n'
      .. '«Nous sommes prêts pour la fête», said Claire Dubois.\n\n'
      .. '„Wir haben lange genug gewartet“, said Jonas Weber.\n')
    expect(#found).to_be(4)
    expect(found[1].text).to_be('"The bridge will open in May,"')
    expect(found[1].speaker).to_be("Ana Ruiz")
    expect(found[2].speaker).to_be("Tom Berg")
    expect(found[3].text).to_be("«Nous sommes prêts pour la fête»")
    expect(found[3].speaker).to_be("Claire Dubois")
    expect(found[4].text).to_be("„Wir haben lange genug gewartet“")
    expect(found[4].speaker).to_be("Jonas Weber")
  end)

  it("refuses an option it does not have", function()
    expect(function() quotes.configure{curly = true} end).to_fail("no option 'curly'")
  end)

  it("reads two apostrophes as a quotation mark when asked to", function()
    local text = "''The ferry is late again,'' Mira Holt said."
    expect(#read(text)).to_be(0)
    local before = quotes.configure{double_apostrophe = true}
    local found = read(text)
    quotes.configure(before)
    expect(#found).to_be(1)
    expect(found[1].text).to_be("''The ferry is late again,''")
    expect(found[1].speaker).to_be("Mira Holt")
  end)

  it("still works with an odd number of quotation marks", function()
    local found = read("“The ferry is late again,” Mira Holt said. She added: “It is the third time this week.\n\n"
      .. "The port said nothing.")
    expect(#found).to_be(2)
    expect(found[1].speaker).to_be("Mira Holt")
    expect(found[2].text).to_be("“It is the third time this week.")
    expect(found[2].speaker).to_be("She")
    expect(found[2].speaker_name).to_be("Mira Holt")
  end)

  it("ignores a stray closing mark", function()
    local found = read("The mayor” left early. “We will rebuild the pier,” Lena Ortiz said.")
    expect(#found).to_be(1)
    expect(found[1].speaker).to_be("Lena Ortiz")
  end)

  it("does not take short scare quotes for quotes", function()
    expect(#read("Critics called the plan a “giveaway” to developers.", "direct")).to_be(0)
  end)
end)

describe("multi-paragraph quotes", function()
  it("joins paragraphs that open without closing", function()
    local found = read("Ravi Menon said: “The first winter was the hardest.\n\n"
      .. "“We burned the furniture to keep warm.\n\n“Nobody came to help us.”\n\nThe council disputes this.")
    expect(#found).to_be(1)
    expect(found[1].speaker).to_be("Ravi Menon")
    expect(found[1].rule).to_be("colon")
    expect(found[1].text:find("Nobody came", 1, true) ~= nil).to_be(true)
  end)
end)

describe("split quotes", function()
  it("joins a quote split around its speaker into one quote with parts", function()
    local found = read("“The dam held,” said Omar Hadi, the chief engineer, “but only just.”")
    expect(#found).to_be(1)
    expect(found[1].parts).to_equal{"“The dam held,”", "“but only just.”"}
    expect(found[1].speaker).to_be("Omar Hadi")
    expect(found[1].cue).to_be("said")
  end)

  it("joins across a full stop", function()
    local found = read("“The road is closed,” Ines Roth said. “Take the coast route instead.”")
    expect(#found).to_be(1)
    expect(#found[1].parts).to_be(2)
    expect(found[1].rule).to_be("cue-after")
  end)
end)

describe("cues and speakers", function()
  it("finds the speaker after the quote, before or after the cue", function()
    local found = read("“Prices will fall,” the finance minister said. “Wages will rise,” says Pia Lund. "
      .. "“Rents must stop climbing,” Karl Visser, a tenant organiser, told reporters.")
    expect(found[1].speaker).to_be("the finance minister")
    expect(found[1].rule).to_be("cue-after")
    expect(found[2].speaker).to_be("Pia Lund")
    expect(found[2].cue).to_be("says")
    expect(found[3].speaker).to_be("Karl Visser")
    expect(found[3].cue).to_be("told")
  end)

  it("finds the speaker before the quote", function()
    local found = read("Nora Field wrote in her blog, “The archive must stay open.”")
    expect(found[1].speaker).to_be("Nora Field")
    expect(found[1].cue).to_be("wrote")
    expect(found[1].rule).to_be("cue-before")
  end)

  it("reads a colon as a cue", function()
    local found = read("The harbour master was blunt: “No ship leaves tonight.”")
    expect(found[1].rule).to_be("colon")
    expect(found[1].cue).to_be(":")
    expect(found[1].speaker).to_be("The harbour master")
  end)

  it("takes the speaker of a cue in the sentence before a quote", function()
    local found = read("Rosa Klein said the harbour was too small for the new ferries. “We will need a second pier.”")
    local direct = {}
    for _, q in ipairs(found) do if q.kind == "direct" then direct[#direct + 1] = q end end
    expect(direct[1].rule).to_be("previous-sentence")
    expect(direct[1].part_rules).to_equal{"previous-sentence"}
    expect(direct[1].speaker).to_be("Rosa Klein")
  end)

  it("reads a dash and a name after a quote", function()
    local found = read("“The buses never come on time.” ― Ada Morrow\n“The trains are worse.” ― Ben Kasper")
    expect(#found).to_be(2)
    expect(found[1].rule).to_be("dash")
    expect(found[1].speaker).to_be("Ada Morrow")
    expect(found[2].speaker).to_be("Ben Kasper")
  end)

  it("reads according to", function()
    local found = read("“The tests were rushed,” according to Dr. Sam Okafor.")
    expect(found[1].rule).to_be("according-to")
    expect(found[1].speaker).to_be("Dr. Sam Okafor")
  end)

  it("names an organisation written with the, but not a description", function()
    local found = read("The Ferry Board said on Monday that fares would rise.\n\n"
      .. "The board said that the timetable would stay.\n\n"
      .. "The City Council said that it was ready.\n", "indirect")
    expect(found[1].speaker_name).to_be("Ferry Board")
    expect(found[1].speaker_rule).to_be("name")
    expect(found[2].speaker_name == "board" or found[2].speaker_rule ~= "name").to_be(true)
    expect(found[3].speaker_name).to_be("City Council")
  end)

  it("names no one when people are described by a plural noun", function()
    local found = read("Analysts said that prices would fall.\n\n"
      .. "Election officials said that turnout was low.\n\n"
      .. "Marta Ilves said that the survey would wait.\n", "indirect")
    expect(found[1].speaker).to_be("Analysts")
    expect(found[1].speaker_name).to_be(nil)
    expect(found[2].speaker_name).to_be(nil)
    expect(found[3].speaker_name).to_be("Marta Ilves")
  end)

  it("resolves a description to the name it was given", function()
    local found = read("The inquiry was led by Attorney General Mara Quinn.\n\n"
      .. "“We found no wrongdoing,” the attorney general said.")
    expect(found[1].speaker).to_be("the attorney general")
    expect(found[1].speaker_name).to_be("Mara Quinn")
    expect(found[1].speaker_rule).to_be("description-resolved")
  end)

  it("resolves a pronoun to the nearest fitting person", function()
    local found = read("Hugo Brandt runs the bakery on Mill Street. “Flour costs twice what it did,” he said.")
    expect(found[1].speaker).to_be("he")
    expect(found[1].speaker_name).to_be("Hugo Brandt")
    expect(found[1].speaker_rule).to_be("pronoun-resolved")
  end)

  it("gives the speaker's position in doc.text", function()
    local text = "“We are ready,” Eva Lind said."
    local found = read(text)
    expect(text:sub(found[1].speaker_start, found[1].speaker_stop)).to_be("Eva Lind")
  end)

  it("carries a speaker over to the next quote in the paragraph, as a further part", function()
    local found = read("“The roof leaks,” Jan Olsen said after the meeting. He showed the stains. “Nobody has fixed it.”")
    expect(#found).to_be(1)
    expect(found[1].parts).to_equal{"“The roof leaks,”", "“Nobody has fixed it.”"}
    expect(found[1].part_rules).to_equal{"cue-after", "carried-over"}
    expect(found[1].speaker).to_be("Jan Olsen")
  end)

  it("carries a speaker over to a paragraph that opens with a quote", function()
    local found = read("“The roof leaks,” Jan Olsen said.\n\n“Nobody has fixed it in ten years.”\n\nThe landlord disagrees.")
    expect(#found).to_be(1)
    expect(found[1].part_rules).to_equal{"cue-after", "carried-over"}
  end)

  it("does not carry a speaker over another cue", function()
    local found = read("“The roof leaks,” Jan Olsen said. The landlord said he disagreed. “It is dry.”")
    local last = found[#found]
    expect(last.kind).to_be("direct")
    expect(last.rule == "carried-over").to_be(false)
  end)
end)

describe("indirect quotes", function()
  it("finds X said that …", function()
    local found = read("The mayor said that the bridge would reopen in spring.", "indirect")
    expect(#found).to_be(1)
    expect(found[1].text).to_be("that the bridge would reopen in spring")
    expect(found[1].speaker).to_be("The mayor")
    expect(found[1].rule).to_be("indirect-that")
  end)

  it("finds …, X said", function()
    local found = read("The bridge would reopen in spring, Lea Brun said.", "indirect")
    expect(found[1].text).to_be("The bridge would reopen in spring")
    expect(found[1].speaker).to_be("Lea Brun")
    expect(found[1].rule).to_be("indirect-after")
  end)

  it("finds according to X", function()
    local found = read("According to the survey, most tenants want longer leases.", "indirect")
    expect(found[1].speaker).to_be("the survey")
    expect(found[1].rule).to_be("indirect-according-to")
  end)
end)

describe("speaker names without titles", function()
  it("keeps the title or job before a name apart from the name", function()
    local found = read("“Taxes will not rise,” said Transport Minister Karin Dahl.\n\n"
      .. "Economist Tariq Lowe said rents would keep climbing.")
    expect(found[1].speaker).to_be("Transport Minister Karin Dahl")
    expect(found[1].speaker_name).to_be("Karin Dahl")
    expect(found[1].speaker_title).to_be("Transport Minister")
    expect(found[2].kind).to_be("indirect")
    expect(found[2].speaker_name).to_be("Tariq Lowe")
    expect(found[2].speaker_title).to_be("Economist")
  end)

  it("resolves a pronoun to the subject of the sentence before, not a later name in it", function()
    local found = read("Opposition spokesman Tomas Reed called on Erik Lund to resign. "
      .. "“The figures were wrong from the first day,” he said.\n\n"
      .. "On Monday, the harbour master, Ines Kovac, thanked Jonas Falk and Erik Lund for the repairs. "
      .. "“The quay is safe again,” she said.")
    expect(found[1].speaker).to_be("he")
    expect(found[1].speaker_name).to_be("Tomas Reed")
    expect(found[1].speaker_rule).to_be("pronoun-resolved")
    expect(found[2].speaker_name).to_be("Ines Kovac")
  end)

  it("resolves a pronoun to the subject of its own sentence first", function()
    local found = read("Mayor Tomas Reed opened the bridge on Monday.\n\n"
      .. "Councillor Paul Grant thanked Nils Ek for the design and he said, “This bridge will outlast all of us.”")
    expect(found[1].speaker).to_be("he")
    expect(found[1].speaker_name).to_be("Paul Grant")
  end)

  it("lets the gender of a title overrule the subject", function()
    local found = read("Ms. Anna Berg called on Peter Vance to publish the letter. “I have nothing to hide,” he said.\n\n"
      .. "Mr. Omar Lind introduced Ms. Sara Holm to the board. “We start on Monday,” she said.")
    expect(found[1].speaker_name).to_be("Peter Vance")
    expect(found[2].speaker_name).to_be("Sara Holm")
  end)

  it("takes the name after a title as the subject, not a name that qualifies it", function()
    local found = read("Campaign chief Lars Moe said the rally was cancelled. "
      .. "Moe spokeswoman Dana Eriksen blamed Erik Lund for the delay. “We were ready on time,” she said.", "direct")
    expect(found[1].speaker_name).to_be("Dana Eriksen")
    found = read("Mayor Lena Holt’s press officer Dana Eriksen blamed Erik Lund for the delay. "
      .. "“We were ready on time,” she said.", "direct")
    expect(found[1].speaker_name).to_be("Dana Eriksen")
  end)

  it("takes the speaker named after a cue as the subject of its sentence", function()
    local found = read("“The harbour will reopen in May,” said Anna Berg, who met Karl Dahl on Friday. "
      .. "“Nobody will lose a job,” she said.")
    expect(found[2].speaker).to_be("she")
    expect(found[2].speaker_name).to_be("Anna Berg")
  end)

  it("resolves a pronoun to the name without its title", function()
    local found = read("Deputy Mayor Olga Brink opened the new library. “Books are cheaper than prisons,” she said.")
    expect(found[1].speaker_name).to_be("Olga Brink")
  end)

  it("gives the job written in lower case before a name or a description before it as the title", function()
    local found = read("Chief engineer Rolf Nygaard said the tunnel was safe.\n\n"
      .. "The club's treasurer, Jonas Friis, said the books were balanced.", "indirect")
    expect(found[1].speaker).to_be("Rolf Nygaard")
    expect(found[1].speaker_title).to_be("Chief engineer")
    expect(found[2].speaker_title).to_be("club's treasurer")
  end)

  it("gives no title for a phrase that is no job", function()
    local found = read("In a letter to the board, Rolf Nygaard said the tunnel was safe.", "indirect")
    expect(found[1].speaker).to_be("Rolf Nygaard")
    expect(found[1].speaker_title).to_be(nil)
  end)

  it("leaves a name alone when a job word ends it", function()
    local found = read("“The river is rising,” said Ana Chair.")
    expect(found[1].speaker_name).to_be("Ana Chair")
  end)
end)

describe("appositive speakers", function()
  it("takes the name after a description set off by commas", function()
    local found = read("The union leader, Marit Solberg, said the strike would go ahead on Monday.", "indirect")
    expect(#found).to_be(1)
    expect(found[1].text).to_be("the strike would go ahead on Monday")
    expect(found[1].speaker).to_be("Marit Solberg")
    expect(found[1].rule).to_be("indirect-that")
  end)

  it("reads a possessive description and a job before the name", function()
    local found = read("Its treasurer, Jonas Friis, said the club had run out of money.\n\n"
      .. "The council's auditor, former banker Ruth Lange, said the accounts would be published.", "indirect")
    expect(found[1].speaker).to_be("Jonas Friis")
    expect(found[1].text).to_be("the club had run out of money")
    expect(found[2].speaker).to_be("Ruth Lange")
    expect(found[2].text).to_be("the accounts would be published")
  end)

  it("still reads a quote that ends with its speaker", function()
    local found = read("The ferry will run twice a day from May, the harbour master said.", "indirect")
    expect(found[1].text).to_be("The ferry will run twice a day from May")
    expect(found[1].rule).to_be("indirect-after")
  end)

  it("reads 'about' a figure as the start of the quote", function()
    local found = read("A spokesman, Erik Vold, said about 300 homes had lost power.", "indirect")
    expect(found[1].speaker).to_be("Erik Vold")
    expect(found[1].text).to_be("about 300 homes had lost power")
  end)
end)

describe("adding", function()
  it("reports speech only before a clause", function()
    expect(#read("The board voted to extend the line, adding four stations to the route.", "indirect")).to_be(0)
    local found = read("The board voted to extend the line, adding the work would start in May.", "indirect")
    expect(found[1].text).to_be("the work would start in May")
  end)
end)

describe("told", function()
  it("is no quote when a place follows the audience", function()
    expect(#read("The mayor told reporters outside the town hall.", "indirect")).to_be(0)
    expect(#read("Nils Aas told a crowd at the station.", "indirect")).to_be(0)
  end)

  it("is a quote when a clause, an instruction or a question follows the audience", function()
    local found = read("Nils Aas told a crowd at the station he would not resign.\n\n"
      .. "The manager told staff at the depot to stay at home.\n\n"
      .. "Mona Berg told reporters the plan had failed.", "indirect")
    expect(#found).to_be(3)
    expect(found[1].text).to_be("he would not resign")
    expect(found[2].text).to_be("to stay at home")
    expect(found[3].text).to_be("the plan had failed")
  end)
end)

describe("subjects of cues", function()
  it("reads the subject of a clause after 'after'", function()
    local found = read("The director quit on Friday, a week after an audit found that funds had been misused.", "indirect")
    expect(found[1].speaker).to_be("an audit")
    expect(found[1].text).to_be("that funds had been misused")
  end)

  it("keeps a group together with where it is from", function()
    local found = read("Nurses at Northgate Hospital said the wards were understaffed.", "indirect")
    expect(found[1].speaker).to_be("Nurses at Northgate Hospital")
  end)

  it("reads the subject of the first verb before 'but said'", function()
    local found = read("Union organiser Jon Eide praised the subsidy but said it would come too late.", "indirect")
    expect(found[1].speaker_name).to_be("Jon Eide")
    expect(found[1].text).to_be("it would come too late")
  end)

  it("keeps a plural possessive inside a name", function()
    local found = read("The Farmers' Union said milk prices had fallen by a third.", "indirect")
    expect(found[1].speaker).to_be("The Farmers' Union")
  end)
end)

describe("an article in the seed layout", function()
  local article = " date 2023-09-21 The review named the Transport Department as the “main engine” of the cuts.\n\n"
    .. "AD\n\n"
    .. "Once the plan was under way, Whitlock told regional managers that “we need to move faster than the complaints,” according to the review.\n\n"
    .. "For example, Paul R. Oakes said at the time, “I just don’t see that as our problem,” when asked about rural routes.\n\n"
    .. "Oakes later boasted about the rollout. “I think it was the smoothest closure in years,” he said, according to the review.\n"

  it("attributes mixed and direct quotes as the seed article expects", function()
    local found = read(article)
    -- the mixed quote is an indirect quote of Whitlock's that holds the quoted words
    local whitlock
    for _, q in ipairs(found) do if q.text:find("move faster", 1, true) then whitlock = q end end
    expect(whitlock.kind).to_be("indirect")
    expect(whitlock.speaker).to_be("Whitlock")
    expect(whitlock.quoted).to_equal{"“we need to move faster than the complaints,”"}
    local oakes, smoothest
    for _, q in ipairs(found) do
      if q.text:find("our problem", 1, true) then oakes = q end
      if q.text:find("smoothest", 1, true) then smoothest = q end
    end
    expect(oakes.kind).to_be("direct")
    expect(oakes.speaker).to_be("Paul R. Oakes")
    expect(smoothest.speaker).to_be("he")
    expect(smoothest.speaker_name).to_be("Paul R. Oakes")
  end)
end)

describe("the speaker layer", function()
  it("holds each speaker mention once, with its name and its quotes", function()
    local doc = loupe.document("Hugo Brandt runs the bakery. “Flour costs twice what it did,” he said. “Butter too.”")
    quotes.annotate(doc)
    local speakers = doc:layer("speaker")
    expect(#speakers).to_be(1)
    expect(speakers[1].text).to_be("he")
    expect(speakers[1].attrs.name).to_be("Hugo Brandt")
    expect(speakers[1].attrs.direct).to_be(1)
  end)
end)

describe("the layer", function()
  it("is made once per document", function()
    local doc = loupe.document("“We are ready,” Eva Lind said.")
    local first = quotes.annotate(doc)
    local second = quotes.annotate(doc)
    expect(#second).to_be(#first)
    expect(#doc:layer("quote")).to_be(1)
  end)
end)
