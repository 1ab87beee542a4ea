local wordy = require "wordy"
function document(doc)
  for _, row in ipairs(wordy.sentences(doc)) do emit{doc = doc.id, sentence = row.sentence, words = row.words} end
end
