// The data model: organisations with dated periods, relationships, sources.
//
// These are plain values. The store (store.h) persists them; the snapshot
// (snapshot.h) turns the ones in force at a date into a graph. Ids are strings:
// an organisation's stable id is its ODS code where one exists (03N), else its
// ONS code, else a readable slug (syb-cpb); any of its identifiers resolves to it.
#ifndef GOVMAP_CORE_MODEL_H_
#define GOVMAP_CORE_MODEL_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/date.h"
#include "core/kinds.h"
#include "core/source_lines.h"

namespace govmap {

struct Identifier {
  std::string scheme;  // ods, ons, slug, ...
  std::string value;
  friend bool operator<(const Identifier& a, const Identifier& b) {
    return a.scheme != b.scheme ? a.scheme < b.scheme : a.value < b.value;
  }
  friend bool operator==(const Identifier& a, const Identifier& b) {
    return a.scheme == b.scheme && a.value == b.value;
  }
};

// One stretch of an organisation's life with a fixed name and kind. Periods of
// one organisation never overlap.
struct OrgPeriod {
  // The one-byte fields first, beside the 12-byte interval: a million bodies'
  // periods are read at once, and padding after each was 16 bytes of it.
  Interval valid;
  OrgKind kind = OrgKind::kOther;
  Country country = Country::kUnknown;  // core/country.h: from its codes or its map
  // A body a file only refers to (a code in an ODS extract's fields 3 and 4,
  // an end of a succession) that no dataset describes: its name is its code and
  // its kind what the referring field implies (unknown when nothing does). A
  // placeholder is shown only when nothing else describes the body
  // (core/precedence.h) and never counts as defining it (importers/org_index.h).
  bool placeholder = false;
  std::string name;
  std::string tier;                  // local_authority only: county, district, unitary, ...
  std::vector<std::string> sources;  // source ids, sorted
  // source id -> the line of the input row that cited it: the row of the
  // source's own file for an ODS or ONS file, the row of organisations.csv for
  // a curated map. Absent when not known (a fact derived by a rule).
  SourceLines source_lines;
  std::string dataset;  // which import owns this fact
};

struct Organisation {
  std::string id;
  std::vector<Identifier> identifiers;  // sorted; excludes the id itself
  std::vector<OrgPeriod> periods;       // sorted by valid.from

  // The period in force at d, if any.
  const OrgPeriod* period_at(Date d) const;
  // True when the union of periods covers every day of iv.
  bool covers(const Interval& iv) const;
  // The country of its latest period that records one; unknown when none does.
  // A body does not change country: periods differ only where the evidence does.
  Country country() const;
};

// What a relationship cites: its legal basis, its sources and note. Kept out
// of line (Relationship::cited) because most relationships a whole-map
// command reads carry none of it: distance and centrality read without
// citations, and five million relationships at 10^6 bodies each paid 104
// bytes of empty strings and vectors for it.
struct Citation {
  std::string legal_basis;
  std::vector<std::string> sources;  // sorted
  // source id -> line of the input row that cited it (as for OrgPeriod; the
  // row of relationships.csv for a curated map).
  SourceLines source_lines;
  std::string note;
};

struct Relationship {
  std::string from;  // organisation ids (resolved, never other identifiers)
  std::string to;
  RelKind kind = RelKind::kMemberOf;
  Layer layer = Layer::kStatutory;
  Interval valid;
  std::optional<double> share;  // e.g. share of LSOAs for geographic overlaps
  std::string dataset;

  Relationship() = default;
  Relationship(const Relationship& other);
  Relationship& operator=(const Relationship& other);
  Relationship(Relationship&&) noexcept = default;
  Relationship& operator=(Relationship&&) noexcept = default;
  ~Relationship() = default;

  // Its citation, read-only: an empty one when it has none (never allocates).
  const Citation& cited() const;
  // Its citation, to write: created empty when it has none.
  Citation& cite();
  // True when it has a citation object (possibly empty).
  bool has_citation() const { return citation_ != nullptr; }

  // The identity used for duplicates, ordering and diffs.
  std::string key() const;

 private:
  // Owned; null when nothing is cited (or the read skipped citations).
  std::unique_ptr<Citation> citation_;
};

// Deterministic order: from, to, kind, layer, valid_from.
bool operator<(const Relationship& a, const Relationship& b);

struct Source {
  std::string id;
  std::string title;
  std::string publisher;
  std::string url;
  std::string date;  // YYYY-MM-DD or empty
  std::string dataset;
};

struct ImportRecord {
  std::string path;
  std::string sha256;
  std::string importer;
  std::string dataset;
  std::string imported_at;  // ISO 8601 UTC
  std::string counts;       // JSON object
};

}  // namespace govmap

#endif  // GOVMAP_CORE_MODEL_H_
