-- sentences-and-figures.lua: how many sentences, and how many figures, in each document?
--
--   loupe run scripts/sentences-and-figures.lua examples/articles/
--
-- doc:sentences() and doc:tokens() are layers of spans; tokens carry features such as
-- like_num ("5,000", "1.5bn", "seven").

function document(doc)
  local figures = 0
  for t in doc:tokens() do
    if t.like_num then figures = figures + 1 end
  end
  emit{ doc = doc.id, date = doc.meta.date, sentences = #doc:sentences(), figures = figures }
end
