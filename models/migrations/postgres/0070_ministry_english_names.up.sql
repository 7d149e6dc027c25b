-- The ministries' official English names (issue 24), for the English public
-- pages. Only names a source gives are filled in, each with its source below;
-- the rest stay empty and the English pages say the name is not on record.
-- The names are those of the press release's date (2024-12).
ALTER TABLE ministries ADD COLUMN name_en TEXT NOT NULL DEFAULT '';

UPDATE ministries SET name_en = CASE code
    WHEN 'moel'  THEN 'Ministry of Employment and Labor'               -- moel.go.kr/english
    WHEN 'mss'   THEN 'Ministry of SMEs and Startups'                  -- korea.net, Korea Herald 2017-07-26
    WHEN 'motie' THEN 'Ministry of Trade, Industry and Energy'         -- Korea Herald 2017-06-05
    WHEN 'mfds'  THEN 'Ministry of Food and Drug Safety'               -- mfds.go.kr/eng
    WHEN 'molit' THEN 'Ministry of Land, Infrastructure and Transport' -- molit.go.kr/english
    WHEN 'mof'   THEN 'Ministry of Oceans and Fisheries'               -- mof.go.kr/eng
    WHEN 'mnd'   THEN 'Ministry of National Defense'                   -- dapa.go.kr/dapa_en
    WHEN 'dapa'  THEN 'Defense Acquisition Program Administration'     -- dapa.go.kr/dapa_en
    WHEN 'mpva'  THEN 'Ministry of Patriots and Veterans Affairs'      -- mpva.go.kr/english
    WHEN 'mpm'   THEN 'Ministry of Personnel Management'               -- shared/DOMAIN.md
    WHEN 'opc'   THEN 'Office for Government Policy Coordination'      -- shared/DOMAIN.md
    WHEN 'me'    THEN 'Ministry of Environment'                        -- molit.go.kr/english (history)
    WHEN 'mcst'  THEN 'Ministry of Culture, Sports and Tourism'        -- the ministry's English site as cited by Wikipedia
    WHEN 'mafra' THEN 'Ministry of Agriculture, Food and Rural Affairs' -- the ministry's English site as cited by Wikipedia
    ELSE '' END;
