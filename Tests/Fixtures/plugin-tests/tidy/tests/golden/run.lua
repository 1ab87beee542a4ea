local tidy = require "tidy"
function document(doc)
  emit{doc = doc.id, words = #tidy.words(doc)}
end
