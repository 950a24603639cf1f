// What the ODS and ONS importers see of the world while they work: every
// organisation and identifier the database holds, updated with the content
// computed so far for the other inputs of the same import.
//
// Importers use it to turn codes into organisation ids (an ODS code is the id
// of its organisation, unless an organisation already carries it as an
// identifier ods:CODE; an ONS code resolves through ons:CODE), to decide
// whether a code a file only refers to is defined anywhere (else it becomes a
// placeholder, OrgPeriod::placeholder), and to avoid asserting identifiers another
// dataset already holds.
#ifndef GOVMAP_IMPORTERS_ORG_INDEX_H_
#define GOVMAP_IMPORTERS_ORG_INDEX_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "importers/dataset.h"

namespace govmap {

class Store;

class OrgIndex {
 public:
  OrgIndex() = default;
  explicit OrgIndex(const Store& store);

  // Forgets what the index held for content.dataset and learns content instead.
  void update(const DatasetContent& content);

  // The organisation an ODS code names: the one a curated map gives identifier
  // ods:code, else the one whose id is code, else the one another dataset
  // gives ods:code; nullopt when none exists.
  std::optional<std::string> find_ods(const std::string& code) const;
  // The organisation with identifier ons:code, else the one whose id is code.
  std::optional<std::string> find_ons(const std::string& code) const;

  // True when a dataset other than `dataset` gives id a period that is not a
  // placeholder (OrgPeriod::placeholder).
  bool defined_outside(const std::string& id, const std::string& dataset) const;

  // Another organisation than id to which a dataset other than `dataset`
  // gives identifier i, or nullopt.
  std::optional<std::string> identifier_conflict(const Identifier& i, const std::string& id,
                                                 const std::string& dataset) const;

 private:
  // id -> datasets giving it a period that is not a placeholder
  std::map<std::string, std::set<std::string>> defined_;
  // ids with any period at all
  std::map<std::string, std::set<std::string>> exists_;
  // "scheme:value" -> dataset -> organisation id
  std::map<std::string, std::map<std::string, std::string>> identifiers_;
};

// Warnings for one input, printed by the CLI as "file: warning: message".
struct Warnings {
  std::vector<std::string> messages;
  void add(std::string message) { messages.push_back(std::move(message)); }
  // Adds one line per item up to a limit, then one line counting the rest.
  void add_list(const std::vector<std::string>& items, size_t limit = 12);
};

// "1 April" of year, the date from which ONS lookups apply.
Date first_april(int year);

// 1 July 2022: CCGs became sub-ICB locations and STP codes named ICBs
// (Health and Care Act 2022).
Date icb_day();

// Kind ccg or stp as the base of a time-dependent kind: ccg is ccg until
// 30 June 2022 and sub_icb_location from 1 July 2022; stp likewise becomes icb.
// Any other kind is returned unchanged; sub_icb_location maps back to ccg and
// icb to stp.
OrgKind base_kind(OrgKind kind);

// Appends id's period(s) for valid with the given base kind, split on
// 1 July 2022 for ccg and stp. lines: the line each source's row is on
// (OrgPeriod::source_lines); entries for other sources are left out.
void append_periods(DatasetContent& content, const std::string& id, const Interval& valid,
                    const std::string& name, OrgKind base, const std::string& tier,
                    const std::vector<std::string>& sources,
                    const SourceLines& lines = {});

// The entries of lines for the given sources.
SourceLines lines_for(const std::vector<std::string>& sources,
                      const SourceLines& lines);

// Sorts a list of source ids and drops duplicates.
void normalise_sources(std::vector<std::string>& sources);

// The statutory part_of fact every geography importer states: from lies in
// to during valid, in dataset, cited by sources (sorted and deduplicated
// here) on the lines of lines_for(sources, lines). Note and share are the
// caller's.
Relationship statutory_part_of(const std::string& from, const std::string& to,
                               const Interval& valid, std::vector<std::string> sources,
                               const SourceLines& lines,
                               const std::string& dataset);

}  // namespace govmap

#endif  // GOVMAP_IMPORTERS_ORG_INDEX_H_
