// ONS Open Geography Portal lookups and names-and-codes files, of any year.
// docs/importers.md describes the rules in full.
//
// Files are read by their header, never by file name or column order. A column
// named like CCG21CD, CCG21CDH or CCG21NM (any case) belongs to the family CCG
// of 2021: CD is the ONS (GSS) code, CDH the ODS code, NM the name. Families
// govmap uses:
//   CCG, SICBL, LOC        CCGs / sub-ICB locations  (ccg; sub_icb_location from 2022-07-01)
//   STP, ICB               STPs / ICBs               (stp; icb from 2022-07-01)
//   NHSER                  NHS England regions       (nhse_region)
//   NHSRLO                 NHS England local offices (nhse_local_office)
//   ICS                    integrated care systems with their own codes (ics)
//   LAD, LTLA, UTLA, CTY   local authorities (local_authority, tier from the
//                          code: E06/W06/S12/N09 unitary, E07 district, E08
//                          metropolitan_borough, E09 london_borough, E10 county;
//                          E11 metropolitan counties and E13 Inner/Outer London
//                          have no council and are kind other)
//   LSOA                   the unit counted for shares in LSOA-based lookups
// Other columns (FID, ObjectId, coordinates, Welsh names, families govmap does
// not use) are ignored. The snapshot date is 1 April of the highest year in the
// header (LSOA and OA vintages aside).
//
// What a file gives:
//   - organisations: id = the ODS code (CDH) when the row has one or another
//     file or dataset maps the ONS code to one, else the organisation already
//     holding ons:CODE, else the ONS code; the ONS code is kept as identifier
//     ons:CODE. Names are kept as ONS gives them.
//   - part_of from each family to the next level up present in the row
//     (CCG -> STP -> NHSER, CCG -> NHSRLO -> NHSER, LAD -> CTY/UTLA, ...).
//   - in an LSOA-based lookup the same, counted over LSOAs, plus LAD -> every
//     NHS area present; where an area spans several parents (a LAD across
//     CCGs) each part_of carries share = the fraction of the child's LSOAs
//     lying in the parent.
//
// All ONS files merge into one dataset, ons:lookups, recomputed from every
// snapshot imported so far. An organisation or relationship runs from the first
// snapshot showing it to the day before the next snapshot of the same kind
// (one that lists its family, and for councils the same code type) that does
// not; identical memberships in consecutive years are one period. Nothing is
// ever deleted.
#ifndef GOVMAP_IMPORTERS_ONS_H_
#define GOVMAP_IMPORTERS_ONS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/error.h"
#include "importers/dataset.h"
#include "importers/org_index.h"

namespace govmap {

extern const char* const kOnsDataset;  // "ons:lookups"

// One column family of the header, e.g. CCG of 2021 with its CD/CDH/NM columns.
struct OnsFamily {
  std::string prefix;  // as written, upper case: "CCG", "SICBL", ...
  int year = 0;        // 2021
  size_t cd = SIZE_MAX, cdh = SIZE_MAX, nm = SIZE_MAX;
};

struct OnsEntity {
  std::string code, ods_code, name;
};

struct OnsFile {
  std::string path;
  std::string sha256;
  int year = 0;
  Date date;                         // 1 April of year
  std::vector<OnsFamily> families;   // families govmap uses, in header order
  std::vector<std::string> ignored;  // family columns not used, for a warning
  bool lsoa_based = false;
  // rows[i][j]: the entity of families[j] on row i (empty code when blank).
  std::vector<std::vector<OnsEntity>> rows;
  std::vector<int> lines;  // line of each row, for diagnostics
  std::string text;        // the file's bytes, stored with the import
};

// True when the first record is an ONS header with at least one family govmap
// uses; otherwise *why says what was seen.
bool detect_ons(const std::string& path, std::string* why = nullptr);

// Reads and checks the file. Bad rows become diagnostics in sink.
OnsFile read_ons(const std::string& path, DiagnosticSink& sink);
// The same from the file's bytes (a stored input); path names it in diagnostics.
OnsFile read_ons_text(const std::string& path, std::string text, DiagnosticSink& sink);

// The dataset's new content with this file's snapshot merged in.
DatasetContent merge_ons(const DatasetContent& before, const OnsFile& file, const OrgIndex& index,
                         Warnings& warnings);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_ONS_H_
