/**
 * The help texts: examples first (3-5 a command, copy-pasteable), then what the input columns and output formats
 * are, then the exit codes. They name no rate and no date of law: those are in data/ (tariff schedule show).
 */

export const EXIT_CODES_HELP = `
Exit codes:
  0   every row computed
  1   some rows rejected (each is listed in the output and on stderr), or an
      input, schedule or scenario file that cannot be used
  2   usage error (unknown option, bad flag value, no input)
  70  internal error in tariff (please report it)
  74  the output could not be written (e.g. a full disk)`;

export const CALC_EXAMPLES = `
Examples:
  $ tariff calc --value 45000 --hts 8703.24.01 --date 2025-05-01
  $ tariff calc --value 30000 --category vehicles --date 2025-10-01 --scenario no-deal
  $ tariff calc data/examples/shipments.csv --format table
  $ cat lines.csv | tariff calc --format json > duties.json
  $ tariff calc --value 100000 --hts 8457.10.00 --date 2026-08-01 --format json
  $ tariff calc lines.xlsx --sheet "Jan lines" --format xlsx --out duties.xlsx
  $ tariff calc --value 300000 --hts 8703.23.01 --date 2025-10-01 --quantity 10 --unit-price 36000 --margin 20
  $ tariff calc data/examples/shipments.csv --range     # lowest and highest duty over the facts not given
`;

export const CALC_AFTER = `
Input CSV: a header row (names case-insensitive), then one import per row.
  value (or value_usd, customs_value)   required; dollars, e.g. 1500.00 or "$1,500.00"
  hts (or hts_code)                     HTS code, 4-10 digits, dots allowed
  category                              vehicles, auto-parts, steel, aluminum,
                                        pharmaceuticals, general
                                        (used when hts is empty; hts wins when both)
  date (or entry_date)                  entry date YYYY-MM-DD (default: --date, else today)
  origin                                ISO country code (default: --origin, else JP)
  mfn_rate                              MFN percent, overrides the bundled MFN table
  spi (or special_program)              special program claimed (default: --spi): JP,
                                        KR, S, S+ apply the line's Special rate; C
                                        (civil aircraft) also the civil aircraft
                                        exemptions of the lines their notes list
  transshipped                          yes/no: found transshipped to evade duties
                                        (default: --transshipped)
  id                                    your reference, copied to the output
  entry (or entry_number)               customs entry: fees are per entry (default:
                                        each line is its own entry)
  mode                                  ocean, air, truck, rail (default: --mode)
  us_content                            percent of value that is US content
  metal_value                           value of the steel/aluminum content
  loaded (or loading_date)              date of loading, for in-transit rules
  auto_part                             yes/no: a part of a passenger vehicle or light
                                        truck (note 33(f); default: --auto-part, else
                                        as the line's note says)
  quantity, unit                        for specific MFN rates (4.4¢/kg ...); quantity is
                                        also the units of the impact figures
  unit_price, margin or unit_cost,      impact: landed cost, per-unit duty, the price rise
  freight, insurance, other_costs       that keeps the margin in $ and in %, and the new
                                        price and margin left at --pass-through (README
                                        "From duty to impact")
  any other column                      passed through to the output
Blank lines are skipped. Rows that cannot be computed are rejected with their
line, column and reason; none is dropped.

Formats: table (default on a terminal: at most --limit lines, then totals),
csv (default when piped: every row, with status, per-layer rates and duties;
totals on stderr), json (one document), ndjson (one object per line, then a
totals object), xlsx (an Excel workbook: Lines, Totals and Notes sheets; money
as numbers with two decimals, rates as percents; needs --out on a terminal),
html (one self-contained web page: totals, charts by measure, layer and
category, the first --limit lines; needs --out on a terminal).
With --range: per line the lowest and highest duty over the facts it did not
give, and which facts give each end (table, csv or json).
Input may be an Excel workbook (.xlsx): the first sheet, or --sheet NAME, read
like CSV (first non-blank row the header; line numbers are the sheet's rows).
Money is exact to the cent: each measure's amount is rounded
half up per line, and totals are sums of the rounded amounts.
${EXIT_CODES_HELP}`;

export const COMPARE_EXAMPLES = `
Examples:
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --per hour
  $ tariff compare data/examples/shipments.csv --scenarios as-enacted,no-deal --by measure
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --scenario-file data/scenarios/pause-extended.json
  $ tariff compare --value 30000 --hts 8703.23.01 --date 2025-10-01 --format json
  $ tariff compare data/examples/shipments.csv --on 2025-10-01     # every row as if entered on that date
  $ tariff compare data/examples/japan-imports-2024.csv --date 2025-10-01 --format html --out compare.html
  $ tariff compare data/examples/shipments.csv --origins CN,VN,MX,JP   # where to source (covered origins)
`;

export const COMPARE_AFTER = `
The same rows go through each scenario (read once, streamed). Output: per
scenario the lines, rejected rows, value, duty and effective rate, and the
difference from the first scenario (the baseline) in dollars and percent; per
group (--by) the duty under each scenario and the differences. With --per,
values are taken as annual flows and every amount is shown as a run rate,
rounded half up to the cent from the exact annual figure. On a terminal the
table format adds bar charts. With a quantity (and the impact columns or flags
of calc), each scenario also gets its landed cost, duty per unit, price and
margin figures, and their differences from the baseline ("as-enacted saves
$3,750.00 of duty per unit against no-deal").
--format html --out FILE writes one
self-contained web page (tables and SVG bar charts, no script, nothing
fetched) with the same figures as json.
With --origins the columns are origins: every row
priced as if from each (under one scenario), the cheapest marked.
${EXIT_CODES_HELP}`;

export const EXPLAIN_EXAMPLES = `
Examples:
  $ tariff explain --value 30000 --hts 8703.23.01 --date 2025-09-16
  $ tariff explain --value 100000 --hts 8457.10.00 --date 2025-04-09 --format json
  $ tariff explain --value 10000 --hts 8411.91.90 --origin JP --spi C --date 2025-10-01
`;

export const TIMELINE_EXAMPLES = `
Examples:
  $ tariff timeline --hts 8703.23.01
  $ tariff timeline --hts 8457.10.00 --scenarios as-enacted,no-deal --format json
  $ tariff timeline data/examples/japan-imports-2024.csv --from 2025-01-01
  $ tariff timeline --hts 0603.13.00 --origin JP --spi JP
`;

export const HTS_IMPORT_EXAMPLES = `
Examples:
  $ tariff hts import hts_2026_revision_20_json.json --out data/mfn/hts-2026-r20.json
  $ tariff calc lines.csv --hts-table data/mfn/hts-2026-r20.json
`;

export const HTS_SHOW_EXAMPLES = `
Examples:
  $ tariff hts show 8457.10.00 --date 2026-03-02
  $ tariff hts show 8708.29.51 --date 2025-10-01 --format json
  $ tariff hts show 8456.11
`;

export const HTS_SEARCH_EXAMPLES = `
Examples:
  $ tariff hts search machining centers
  $ tariff hts search lithium ion batteries --limit 5
`;

export const SCHEDULE_CHECK_EXAMPLES = `
Examples:
  $ tariff schedule check --hts hts_2026_rev_10.json.gz
  $ tariff schedule check --hts export.json --revision "2026 Rev. 21" --format json
`;

export const SCHEDULE_CHECK_AFTER = `
A heading missing from the export is an error, unless the measure records (chapter99Added)
that a later revision created it. Headings that name an origin of the schedule but that no
measure cites are listed as information: some are deliberate (superseded, not modelled).

Exit codes:
  0   every cited heading is in the export and agrees with its measure (warnings allowed)
  1   a cited heading is missing or disagrees, or the export or schedule cannot be used
  2   usage error
  70  internal error in tariff (please report it)`;

export const MCP_AFTER = `
Configure your assistant to start it, e.g. in claude_desktop_config.json:
  { "mcpServers": { "tariff": { "command": "npx", "args": ["-y", "tariff-duties", "mcp"] } } }
`;

export const COMPLETION_EXAMPLES = `
Examples:
  $ tariff completion bash > ~/.local/share/bash-completion/completions/tariff
  $ echo 'source <(tariff completion zsh)' >> ~/.zshrc
  $ tariff completion fish > ~/.config/fish/completions/tariff.fish
`;
