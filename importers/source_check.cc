#include "importers/source_check.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/kinds.h"

namespace govmap {
namespace {

// A name without a trailing parenthesis: "NHS England (operating name of the
// NHS Commissioning Board)" is called "NHS England"; the parenthesis describes.
std::string core_name(const std::string& name) {
  if (name.empty() || name.back() != ')') return name;
  size_t open = name.rfind(" (");
  return open == std::string::npos || open == 0 ? name : name.substr(0, open);
}

// Shorter names ("NHS", "Board") occur by chance inside unrelated names.
constexpr size_t kShortestEmbeddedName = 8;

std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  size_t colon = host.find(':');
  if (colon != std::string::npos) host = host.substr(0, colon);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string standing_text(Standing s) {
  switch (s) {
    case Standing::kPrimary:
      return "primary";
    case Standing::kSecondary:
      return "secondary";
    case Standing::kCopy:
      return "copy";
  }
  return "";
}

struct SourceInfo {
  const Source* source = nullptr;
  const PublisherDomain* domain = nullptr;  // nullptr: on no list
  bool recorded = false;                    // in its map's "Secondary sources"
  bool primary() const { return domain && domain->standing == Standing::kPrimary; }
  std::string describe() const {
    return source->id + " (" + host_of(source->url) + ", " +
           (domain ? standing_text(domain->standing) : std::string("unlisted")) + ")";
  }
};

// One warning with where it sorts: map, file (sources, organisations,
// relationships), line.
struct Found {
  size_t map;
  int file;
  int line;
  Diagnostic d;
};

Diagnostic warning_at(const CuratedMap::Where& w, const std::string& column, std::string message) {
  Diagnostic d = diagnostic_at(w, column, std::move(message));
  d.severity = Diagnostic::Severity::kWarning;
  return d;
}

// Facts citing only sources that are not primary, unless every one of them is
// recorded as secondary.
std::string secondary_only(const std::vector<std::string>& ids,
                           const std::map<std::string, SourceInfo>& info) {
  std::vector<std::string> unrecorded;
  for (const std::string& id : ids) {
    auto it = info.find(id);
    if (it == info.end() || it->second.primary()) return "";
    if (!it->second.recorded) unrecorded.push_back(it->second.describe());
  }
  if (unrecorded.empty()) return "";
  return join(unrecorded, ", ");
}

}  // namespace

const std::vector<PublisherDomain>& publisher_domains() {
  static const std::vector<PublisherDomain> kDomains = {
      // Primary: the bodies themselves and those with authority over them.
      {"gov.uk", Standing::kPrimary,
       "UK government and local councils: legislation.gov.uk, GOV.UK, ONS, data.gov.uk, the "
       "National Archives' web archive, council sites"},
      {"nhs.uk", Standing::kPrimary,
       "NHS bodies: NHS England, NHS Digital, trusts, CCGs, ICBs, CSUs"},
      {"parliament.uk", Standing::kPrimary,
       "Parliament: Hansard, select committees, the Commons and Lords libraries"},
      {"cqc.org.uk", Standing::kPrimary, "Care Quality Commission"},
      {"healthwatch.co.uk", Standing::kPrimary, "Healthwatch England"},
      {"moderngov.co.uk", Standing::kPrimary,
       "councils' committee papers hosted by their ModernGov supplier"},
      {"syics.co.uk", Standing::kPrimary, "South Yorkshire integrated care system (its own site)"},
      {"joinedupcarederbyshire.co.uk", Standing::kPrimary,
       "Derby and Derbyshire integrated care system (its own site)"},
      {"sybics.co.uk", Standing::kPrimary,
       "South Yorkshire and Bassetlaw integrated care system (its own site)"},
      {"healthandcaretogethersyb.co.uk", Standing::kPrimary,
       "South Yorkshire and Bassetlaw partnership (its own site)"},
      {"sheffieldhcp.org.uk", Standing::kPrimary,
       "Sheffield Health and Care Partnership (its own site)"},
      {"gmintegratedcare.org.uk", Standing::kPrimary,
       "NHS Greater Manchester Integrated Care (its own site)"},
      {"manchesterlco.org", Standing::kPrimary,
       "Manchester Local Care Organisation (its own site)"},
      // Secondary: original publishers of reporting and analysis.
      {"kingsfund.org.uk", Standing::kSecondary, "The King's Fund"},
      {"health.org.uk", Standing::kSecondary, "The Health Foundation (Policy Navigator)"},
      {"nuffieldtrust.org.uk", Standing::kSecondary, "Nuffield Trust"},
      {"hsj.co.uk", Standing::kSecondary, "Health Service Journal"},
      {"lgcplus.com", Standing::kSecondary, "Local Government Chronicle"},
      {"nursingtimes.net", Standing::kSecondary, "Nursing Times"},
      {"themj.co.uk", Standing::kSecondary, "The MJ"},
      {"wikipedia.org", Standing::kSecondary, "Wikipedia"},
      {"landmarkchambers.co.uk", Standing::kSecondary, "Landmark Chambers (legal commentary)"},
      {"lowdownnhs.info", Standing::kSecondary, "The Lowdown"},
      {"localdemocracyandhealth.com", Standing::kSecondary, "Local Democracy and Health blog"},
      {"integratedhlth.co.uk", Standing::kSecondary, "Integrated Health"},
      {"healthcareleadernews.com", Standing::kSecondary, "Healthcare Leader"},
      {"mysociety.org", Standing::kSecondary, "mySociety"},
      {"worksopguardian.co.uk", Standing::kSecondary, "Worksop Guardian"},
      {"nottstv.com", Standing::kSecondary, "Notts TV"},
      {"brendanclarkesmith.com", Standing::kSecondary, "Brendan Clarke-Smith MP"},
      {"manchestereveningnews.co.uk", Standing::kSecondary, "Manchester Evening News"},
      {"localgovernmentlawyer.co.uk", Standing::kSecondary, "Local Government Lawyer"},
      // Copies of other publishers' documents: cite the publisher instead, or
      // record the copy as secondary in NOTES.md when the publisher's page is gone.
      {"docslib.org", Standing::kCopy, "document mirror"},
      {"docplayer.net", Standing::kCopy, "document mirror"},
      {"vdocument.in", Standing::kCopy, "document mirror"},
      {"vdocuments.net", Standing::kCopy, "document mirror"},
      {"careersdocbox.com", Standing::kCopy, "document mirror"},
      {"paperzz.com", Standing::kCopy, "document mirror"},
      {"wikimili.com", Standing::kCopy, "Wikipedia mirror"},
      {"liquisearch.com", Standing::kCopy, "Wikipedia mirror"},
      {"encycloreader.org", Standing::kCopy, "Wikipedia mirror"},
      {"streetguide.co.uk", Standing::kCopy, "Geograph image mirror"},
      {"legalize.dev", Standing::kCopy, "copy of legislation.gov.uk text"},
      {"parallelparliament.co.uk", Standing::kCopy, "copy of Hansard and written answers"},
      {"wired-gov.net", Standing::kCopy, "copy of government press releases"},
      {"nhsfunding.info", Standing::kCopy, "copies of HSJ and King's Fund articles"},
      {"github.com", Standing::kCopy, "copies of ONS and NHS Digital files in repositories"},
  };
  return kDomains;
}

const PublisherDomain* publisher_domain_of(const std::string& url) {
  std::string host = host_of(url);
  const PublisherDomain* best = nullptr;
  for (const PublisherDomain& d : publisher_domains()) {
    std::string domain = d.domain;
    bool match =
        host == domain || (host.size() > domain.size() &&
                           host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
                           host[host.size() - domain.size() - 1] == '.');
    if (match && (!best || domain.size() > std::string(best->domain).size())) best = &d;
  }
  return best;
}

std::set<std::string> recorded_secondary_sources(const std::string& notes) {
  std::set<std::string> ids;
  std::istringstream in(notes);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '-' || line[0] == ' ' || line[0] == '\t') {
      if (!inside || line.rfind("- ", 0) != 0) continue;
      // Every `id` before the bullet's first other word: "- `S15`, `S16` board papers".
      size_t at = 2;
      while (true) {
        at = line.find_first_not_of(" ,", at);
        if (at == std::string::npos || line[at] != '`') break;
        size_t close = line.find('`', at + 1);
        if (close == std::string::npos) break;
        if (close > at + 1) ids.insert(line.substr(at + 1, close - at - 1));
        at = close + 1;
      }
      continue;
    }
    // Any other line is a heading ("Secondary sources", "## Secondary sources").
    std::string heading = line.substr(std::min(line.find_first_not_of("# "), line.size()));
    inside = heading.rfind("Secondary sources", 0) == 0;
  }
  return ids;
}

std::vector<std::string> expand_map_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> dirs;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (is_curated_map(p) || !fs::is_directory(p, ec)) {
      dirs.push_back(p);  // read_curated_map() reports a missing or odd folder
      continue;
    }
    std::vector<std::string> inside;
    for (const fs::directory_entry& e : fs::directory_iterator(p, ec)) {
      std::string dir = p + (p.back() == '/' ? "" : "/") + e.path().filename().string();
      // The maps `govmap build` would build: those with a map.toml.
      if (e.is_directory(ec) && is_curated_map(dir) && fs::exists(dir + "/map.toml", ec))
        inside.push_back(dir);
    }
    if (inside.empty())
      throw Error(Error::Kind::kInput,
                  "'" + p +
                      "' is neither a map folder (organisations.csv) nor a folder of maps with a "
                      "map.toml");
    std::sort(inside.begin(), inside.end());
    dirs.insert(dirs.end(), inside.begin(), inside.end());
  }
  return dirs;
}

std::vector<CuratedMap> read_maps_for_check(const std::vector<std::string>& map_dirs) {
  DiagnosticSink sink;
  std::vector<CuratedMap> maps;
  for (const std::string& dir : map_dirs) maps.push_back(read_curated_map(dir, sink));
  sink.throw_if_any();
  check_curated_maps(maps, World{}, sink);
  sink.throw_if_any();
  return maps;
}

std::vector<Diagnostic> check_sources(const std::vector<CuratedMap>& maps) {
  std::vector<Found> found;
  // Each source with its standing and whether its own map records it.
  std::map<std::string, SourceInfo> info;
  for (const CuratedMap& m : maps) {
    std::set<std::string> recorded = recorded_secondary_sources(read_text(m.dir + "/NOTES.md"));
    for (const Source& s : m.content.sources) {
      SourceInfo& i = info[s.id];
      i.source = &s;
      i.domain = publisher_domain_of(s.url);
      i.recorded = recorded.count(s.id) > 0;
    }
  }

  for (size_t mi = 0; mi < maps.size(); ++mi) {
    const CuratedMap& m = maps[mi];
    for (size_t i = 0; i < m.content.sources.size(); ++i) {
      const Source& s = m.content.sources[i];
      const CuratedMap::Where& w = m.source_where[i];
      const SourceInfo& si = info.at(s.id);
      if (s.date.empty())
        found.push_back({mi, 0, w.line,
                         warning_at(w, "date",
                                    "source '" + s.id +
                                        "' has no date; give its publication date or, for a "
                                        "page that shows none, the day it was consulted")});
      if (!si.domain)
        found.push_back(
            {mi, 0, w.line,
             warning_at(w, "url",
                        "source '" + s.id + "': '" + host_of(s.url) +
                            "' is not on the list of publisher domains (docs/map-format.md); "
                            "cite the publisher's page, or add the domain to the list")});
      else if (si.domain->standing == Standing::kCopy && !si.recorded)
        found.push_back({mi, 0, w.line,
                         warning_at(w, "url",
                                    "source '" + s.id + "' is a copy on " + host_of(s.url) + " (" +
                                        si.domain->who +
                                        "), not the publisher's page; cite the publisher, or "
                                        "record `" +
                                        s.id + "` under 'Secondary sources' in NOTES.md")});
    }
    for (size_t i = 0; i < m.content.periods.size(); ++i) {
      const auto& [id, p] = m.content.periods[i];
      std::string only = secondary_only(p.sources, info);
      if (!only.empty())
        found.push_back(
            {mi, 1, m.period_where[i].line,
             warning_at(m.period_where[i], "source",
                        "'" + id + "' from " + p.valid.from.str() +
                            " rests only on secondary sources: " + only +
                            "; cite a primary source, or record each under 'Secondary sources' "
                            "in NOTES.md")});
    }
    for (size_t i = 0; i < m.content.relationships.size(); ++i) {
      const Relationship& r = m.content.relationships[i];
      std::string only = secondary_only(r.cited().sources, info);
      if (!only.empty())
        found.push_back(
            {mi, 2, m.relationship_where[i].line,
             warning_at(m.relationship_where[i], "source",
                        r.from + " " + name_of(r.kind) + " " + r.to + " rests only on secondary " +
                            "sources: " + only +
                            "; cite a primary source, or record each under 'Secondary sources' "
                            "in NOTES.md")});
    }
  }

  // Names that embed the name of the body they belong to must follow its renames.
  struct PeriodAt {
    size_t map, index;
  };
  std::map<std::string, std::vector<PeriodAt>> periods;
  for (size_t mi = 0; mi < maps.size(); ++mi)
    for (size_t i = 0; i < maps[mi].content.periods.size(); ++i)
      periods[maps[mi].content.periods[i].first].push_back({mi, i});
  auto period = [&](const PeriodAt& at) -> const OrgPeriod& {
    return maps[at.map].content.periods[at.index].second;
  };
  std::set<std::pair<size_t, size_t>> warned;
  for (const CuratedMap& m : maps) {
    for (const Relationship& r : m.content.relationships) {
      if (r.kind != RelKind::kPartOf && r.kind != RelKind::kCommitteeOf) continue;
      for (const PeriodAt& a : periods[r.from]) {
        const OrgPeriod& pa = period(a);
        if (!pa.valid.overlaps(r.valid) || warned.count({a.map, a.index})) continue;
        for (const PeriodAt& b : periods[r.to]) {
          const OrgPeriod& pb = period(b);
          if (!pb.valid.overlaps(pa.valid) || !pb.valid.overlaps(r.valid)) continue;
          if (pa.name.find(core_name(pb.name)) != std::string::npos) continue;
          for (const PeriodAt& c : periods[r.to]) {
            std::string other = core_name(period(c).name);
            if (other.size() < kShortestEmbeddedName || other == core_name(pb.name) ||
                pa.name.find(other) == std::string::npos)
              continue;
            Date day = std::max(pa.valid.from, pb.valid.from);
            found.push_back(
                {a.map, 1, maps[a.map].period_where[a.index].line,
                 warning_at(maps[a.map].period_where[a.index], "name",
                            "'" + r.from + "' (" + name_of(r.kind) + " '" + r.to +
                                "') is named after '" + other + "', a name '" + r.to +
                                "' had only from " + period(c).valid.from.str() + "; on " +
                                day.str() + " '" + r.to + "' was '" + pb.name + "': give '" +
                                r.from + "' a period for each of its names")});
            warned.insert({a.map, a.index});
            break;
          }
          if (warned.count({a.map, a.index})) break;
        }
      }
    }
  }

  std::stable_sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    return std::tie(x.map, x.file, x.line) < std::tie(y.map, y.file, y.line);
  });
  std::vector<Diagnostic> out;
  for (Found& f : found) out.push_back(std::move(f.d));
  return out;
}

}  // namespace govmap
