// NHS England Organisation Data Service (ODS) extracts: etr (NHS trusts), eccg
// (CCGs, sub-ICB locations, commissioning hubs), ect (care trusts) and succ
// (successor organisations). docs/importers.md describes the rules in full.
//
// The files have no header row, so they are recognised by structure alone,
// never by file name:
//   - the ODS standard layout has 27 fields (every field quoted in current
//     files); the legacy layout has 24 fields (only fields holding commas are
//     quoted). Fields used: 1 code, 2 name, 3 national grouping (NHS England
//     region), 4 high level health geography (STP/ICB), 11 open date, 12 close
//     date (YYYYMMDD, empty = open), 14 sub-type or role. Which of etr, eccg
//     and ect a file is comes from a vote over its rows: the role or sub-type
//     in field 14 ("T" care trust; ODS role codes such as RO319, possibly
//     several joined by '|', or the sub-type letters C and E for CCGs and
//     commissioning hubs), the shape of the code (Rxx trusts, Txx care trusts,
//     99X CCGs) and words in the name.
//   - succ has 5 fields: predecessor, successor, reason, effective date
//     (YYYYMMDD), indicator.
//
// What each row becomes:
//   - an organisation whose id is the code (or the organisation already
//     carrying it as ods:CODE), with identifier ods:CODE, living from the open
//     date to the close date. Names are kept exactly as ODS gives them, in
//     upper case. etr and ect rows are foundation_trust when the name contains
//     "NHS FOUNDATION TRUST" or field 14 holds role RO57, else nhs_trust. eccg
//     rows are ccg until 30 June 2022 and sub_icb_location from 1 July 2022;
//     commissioning hubs (RO218, E) and sub-ICB reporting entities (RO327) are
//     kind other.
//   - for a row in force (or not yet open) on the snapshot date: part_of its
//     region (field 3) and its STP/ICB (field 4) as at that date. Placeholder
//     codes (Q99, W00, Y99) and empty fields give nothing; so do hubs, whose
//     fields 3 and 4 name an administrative host, not their area. A code that
//     no dataset defines becomes a placeholder (OrgPeriod::placeholder) of
//     the kind its field names: field 3 an NHS England region, field 4 an STP
//     until 30 June 2022 and an ICB from 1 July 2022; with a warning.
//   - each body's country (core/country.h) from the geography of its newest
//     row that gives one: field 24 (Government Office Region), else field 3,
//     else field 4. Placeholders for codes in fields 3 and 4 are in the
//     country the code's form names (Y/Q codes England, W codes Wales).
//   - succ: predecessor succeeded_by successor on the day before the effective
//     date, when at least one end is an organisation govmap knows.
//
// How snapshots of one dataset merge is in importers/ods_merge.h.
#ifndef GOVMAP_IMPORTERS_ODS_H_
#define GOVMAP_IMPORTERS_ODS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/date.h"
#include "core/error.h"
#include "core/kinds.h"

namespace govmap {

enum class OdsFormat { kEtr, kEccg, kEct, kSucc };

// "ods-etr", "ods-eccg", "ods-ect", "ods-succ": the --format names.
const std::string& ods_format_name(OdsFormat f);
std::optional<OdsFormat> parse_ods_format(const std::string& name);
// "ods:trusts", "ods:commissioners", "ods:care-trusts", "ods:successions".
const std::string& ods_dataset(OdsFormat f);

// One organisation row of an etr, eccg or ect file.
struct OdsRow {
  CsvRecord rec;
  std::string code, name, region, geography, role;
  std::string gor;  // field 24: Government Office Region letter (core/country.h)
  Date open;
  std::optional<Date> close;
};

// One row of a succ file.
struct OdsSuccession {
  CsvRecord rec;
  std::string from, to;
  Date effective;
};

struct OdsFile {
  std::string path;
  std::string sha256;
  OdsFormat format = OdsFormat::kEtr;
  size_t fields = 0;  // 27, 24 or 5
  std::vector<OdsRow> rows;
  std::vector<OdsSuccession> successions;
  std::string text;  // the file's bytes, stored with the import
};

// Recognises an ODS file from its first records. Returns nullopt when the file
// is not one; *why then says what was seen (for the "matches no format" error).
std::optional<OdsFormat> detect_ods(const std::string& path, std::string* why = nullptr);

// Reads and checks a file as the given format. Bad rows become diagnostics in
// sink (file:line:column); the result is meaningful only when sink stays empty.
OdsFile read_ods(const std::string& path, OdsFormat format, DiagnosticSink& sink);
// The same from the file's bytes (a stored input); path names it in diagnostics.
OdsFile read_ods_text(const std::string& path, std::string text, OdsFormat format,
                      DiagnosticSink& sink);

// True when the format needs a snapshot date (--as-of): etr, eccg and ect.
bool ods_needs_as_of(OdsFormat f);

// The date an etr, eccg or ect extract bounds for itself when no --as-of is
// given: the first day by which every open and close date it records had
// happened (its latest open date, or the day after its latest close date,
// whichever is later). The files carry no date; this is the estimate their
// publishers' copies allow (a planned change can make it late). nullopt when
// the file records no close date: an extract of current records only (such as
// ect) says nothing of when it was taken beyond its latest opening, which may
// be decades earlier.
std::optional<Date> ods_bounding_date(const OdsFile& file);

// The source id of a file: "ods-etr-" (and so on) and the first 12 hex digits
// of its SHA-256, so that renaming a file does not change its source.
std::string ods_source_id(OdsFormat f, const std::string& sha256);

// The base kind of an etr, eccg or ect row (see base_kind()): ccg for CCGs and
// sub-ICB locations, other for hubs and reporting entities, nhs_trust or
// foundation_trust for trusts.
OrgKind ods_row_kind(OdsFormat format, const OdsRow& row);

// True for an eccg commissioning hub, whose fields 3 and 4 name an
// administrative host rather than its area.
bool ods_row_is_hub(OdsFormat format, const OdsRow& row);

// Codes that stand for "no organisation" in fields 3 and 4.
bool is_placeholder_code(const std::string& code);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_ODS_H_
