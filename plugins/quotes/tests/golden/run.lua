local quotes = require "quotes"
function document(doc)
  for _, row in ipairs(quotes.rows(doc)) do emit(row) end
end
