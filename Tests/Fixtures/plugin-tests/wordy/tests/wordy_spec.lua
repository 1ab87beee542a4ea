local wordy = require "wordy"

describe("wordy", function()
  it("counts the words of each sentence", function()
    local rows = wordy.sentences(loupe.document("One two. Three."))
    expect(#rows).to_be(2)
    expect(rows[2].words).to_be(1)
  end)
  it("is wrong about this one on purpose", function()
    expect(#wordy.sentences(loupe.document("One. Two."))).to_be(3)
  end)
end)
