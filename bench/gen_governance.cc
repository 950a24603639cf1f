// gen_governance N DIR — writes a synthetic but realistic governance graph of
// about N organisations as a curated map folder (docs/map-format.md) in DIR, so
// that `govmap import DIR` is what a benchmark measures.
//
// The shape follows the English NHS the shipped maps describe, scaled up:
//
//   national tier  electorate-england <- parliament <- sos-health <- X24
//                  (NHS England), seven NHS England regions, a regulator (CQC)
//   systems        one per four places: an STP (2016, shadow kind) whose id is
//                  kept when it becomes an ICB on 2022-07-01 (two periods, as
//                  ODS kept QF7), and an ICP from 2022-07-01
//   places         a council elected by its own electorate, its health and
//                  wellbeing board and scrutiny committee (committee_of it), a
//                  CCG 2013-04-01..2022-06-30 renamed in 2018 (two periods)
//                  and succeeded_by its system's ICB, two trusts (one becomes a
//                  foundation trust in 2016: a kind change), a primary care
//                  network from 2019-07-01 and eight GP practices
//   shadow layer   CCGs, trusts and councils member_of the STP; the STP
//                  ratified_by each CCG and council (the shadow pattern)
//
// Every organisation has about five relationships. Output is deterministic:
// the same N gives byte-identical files.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

FILE* open_or_die(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  return f;
}

constexpr int kPlacesPerSystem = 4;
constexpr int kPracticesPerPlace = 8;
constexpr int kTrustsPerPlace = 2;
constexpr int kRegions = 7;
// Organisations per place: council, electorate, hwb, osc, ccg, trusts, pcn, practices.
constexpr int kOrgsPerPlace = 6 + kTrustsPerPlace + kPracticesPerPlace;

const char* const kTiers[] = {"unitary", "metropolitan_borough", "london_borough", "county"};

class Writer {
 public:
  explicit Writer(const std::string& dir)
      : orgs_(open_or_die(dir + "/organisations.csv")),
        rels_(open_or_die(dir + "/relationships.csv")) {
    std::fputs("id,name,kind,tier,valid_from,valid_to,identifiers,source\n", orgs_);
    std::fputs("from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n", rels_);
    FILE* src = open_or_die(dir + "/sources.csv");
    std::fputs(
        "id,title,publisher,url,date\ngen,Synthetic governance graph,govmap bench,"
        "https://example.org/govmap-bench,2026-01-01\n",
        src);
    std::fclose(src);
  }
  ~Writer() {
    std::fclose(orgs_);
    std::fclose(rels_);
  }
  void org(const std::string& id, const std::string& name, const char* kind, const char* tier,
           const char* from, const char* to, const std::string& identifiers = "") {
    std::fprintf(orgs_, "%s,%s,%s,%s,%s,%s,%s,gen\n", id.c_str(), name.c_str(), kind, tier, from,
                 to, identifiers.c_str());
    ++org_rows_;
  }
  void rel(const std::string& from, const std::string& to, const char* kind, const char* layer,
           const char* valid_from, const char* valid_to) {
    const bool statutory = layer[0] == 's' && layer[1] == 't';
    std::fprintf(rels_, "%s,%s,%s,%s,%s,%s,%s,gen,\n", from.c_str(), to.c_str(), kind, layer,
                 valid_from, valid_to, statutory ? "NHS Act 2006 (synthetic)" : "");
    ++rel_rows_;
  }
  long org_rows_ = 0, rel_rows_ = 0;

 private:
  FILE* orgs_;
  FILE* rels_;
};

std::string num(const char* prefix, long n) {
  return prefix + std::to_string(n);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: gen_governance N DIR\n");
    return 2;
  }
  const long target = std::atol(argv[1]);
  const std::string dir = argv[2];
  const long places = target / kOrgsPerPlace > 0 ? target / kOrgsPerPlace : 1;
  const long systems = (places + kPlacesPerSystem - 1) / kPlacesPerSystem;
  Writer w(dir);
  long orgs = 0;

  // National tier.
  w.org("electorate-england", "Parliamentary electorate of England", "electorate", "", "1801-01-01",
        "");
  w.org("parliament", "Parliament", "parliament", "", "1801-01-01", "");
  w.org("sos-health", "Secretary of State for Health and Social Care", "secretary_of_state", "",
        "1988-07-25", "");
  w.org("X24", "NHS England", "nhs_england", "", "2012-10-01", "", "ods:X24");
  w.org("cqc", "Care Quality Commission", "regulator", "", "2009-04-01", "");
  orgs += 5;
  w.rel("parliament", "electorate-england", "elected_by", "statutory", "1801-01-01", "");
  w.rel("sos-health", "parliament", "accountable_to", "statutory", "1988-07-25", "");
  w.rel("X24", "sos-health", "accountable_to", "statutory", "2012-10-01", "");
  w.rel("cqc", "sos-health", "accountable_to", "statutory", "2009-04-01", "");
  for (int r = 0; r < kRegions; ++r) {
    std::string id = num("Y", 60 + r);
    w.org(id, "NHS England region " + std::to_string(r), "nhse_region", "", "2013-04-01", "",
          "ods:" + id);
    w.rel(id, "X24", "part_of", "statutory", "2013-04-01", "");
    w.rel(id, "X24", "accountable_to", "statutory", "2013-04-01", "");
    ++orgs;
  }

  long place = 0;
  for (long s = 0; s < systems; ++s) {
    const std::string sys = num("Q", 10000 + s);
    const std::string region = num("Y", 60 + s % kRegions);
    const std::string icp = num("icp-", s);
    // The STP becomes the ICB under the same code: two periods, two kinds.
    w.org(sys, "System " + std::to_string(s) + " STP", "stp", "", "2016-03-01", "2022-06-30",
          "ods:" + sys);
    w.org(sys, "NHS System " + std::to_string(s) + " Integrated Care Board", "icb", "",
          "2022-07-01", "", "ods:" + sys);
    w.org(icp, "System " + std::to_string(s) + " Integrated Care Partnership", "icp", "",
          "2022-07-01", "");
    orgs += 2;
    w.rel(sys, region, "part_of", "statutory", "2016-03-01", "");
    w.rel(sys, "X24", "accountable_to", "shadow", "2016-03-01", "2022-06-30");
    w.rel(sys, "X24", "accountable_to", "statutory", "2022-07-01", "");
    w.rel(sys, "X24", "appointed_by", "statutory", "2022-07-01", "");
    w.rel(icp, sys, "committee_of", "statutory", "2022-07-01", "");

    for (int p = 0; p < kPlacesPerSystem && place < places; ++p, ++place) {
      const std::string la = num("E0", 6000000 + place);
      const std::string el = num("electorate-", place);
      const std::string hwb = num("hwb-", place);
      const std::string osc = num("osc-", place);
      const std::string ccg = num("C", 100000 + place);
      const std::string pcn = num("U", 100000 + place);
      const std::string pn = std::to_string(place);
      w.org(el, "Local electorate " + pn, "electorate", "", "1974-04-01", "");
      w.org(la, "Council " + pn, "local_authority", kTiers[place % 4], "1974-04-01", "",
            "ons:" + la);
      w.org(hwb, "Health and wellbeing board " + pn, "hwb", "", "2013-04-01", "");
      w.org(osc, "Health scrutiny committee " + pn, "osc", "", "2013-04-01", "");
      w.org(ccg, "NHS Place " + pn + " CCG", "ccg", "", "2013-04-01", "2018-03-31",
            "ods:" + ccg + ";ons:" + num("E38", 1000000 + place));
      w.org(ccg, "NHS Place " + pn + " Clinical Commissioning Group", "ccg", "", "2018-04-01",
            "2022-06-30", "ods:" + ccg + ";ons:" + num("E38", 1000000 + place));
      w.org(pcn, "Primary care network " + pn, "pcn", "", "2019-07-01", "");
      orgs += 6;
      w.rel(la, el, "elected_by", "statutory", "1974-04-01", "");
      w.rel(hwb, la, "committee_of", "statutory", "2013-04-01", "");
      w.rel(osc, la, "committee_of", "statutory", "2013-04-01", "");
      w.rel(la, sys, "member_of", "shadow", "2016-03-01", "2022-06-30");
      w.rel(sys, la, "ratified_by", "shadow", "2016-03-01", "2022-06-30");
      w.rel(sys, osc, "scrutinised_by", "statutory", "2022-07-01", "");
      w.rel(icp, la, "committee_of", "statutory", "2022-07-01", "");
      w.rel(ccg, "X24", "accountable_to", "statutory", "2013-04-01", "2022-06-30");
      w.rel(ccg, osc, "scrutinised_by", "statutory", "2013-04-01", "2022-06-30");
      w.rel(ccg, region, "part_of", "statutory", "2013-04-01", "2022-06-30");
      w.rel(ccg, sys, "member_of", "shadow", "2016-03-01", "2022-06-30");
      w.rel(sys, ccg, "ratified_by", "shadow", "2016-03-01", "2022-06-30");
      w.rel(ccg, sys, "succeeded_by", "statutory", "2022-06-30", "2022-06-30");
      w.rel(pcn, ccg, "part_of", "statutory", "2019-07-01", "2022-06-30");
      w.rel(pcn, sys, "part_of", "statutory", "2022-07-01", "");
      for (int t = 0; t < kTrustsPerPlace; ++t) {
        const std::string trust = num("R", 100000 + place * kTrustsPerPlace + t);
        if (t == 0) {  // becomes a foundation trust in 2016
          w.org(trust, "Trust " + trust + " NHS Trust", "nhs_trust", "", "2000-04-01", "2016-03-31",
                "ods:" + trust);
          w.org(trust, "Trust " + trust + " NHS Foundation Trust", "foundation_trust", "",
                "2016-04-01", "", "ods:" + trust);
        } else {
          w.org(trust, "Trust " + trust + " NHS Trust", "nhs_trust", "", "2000-04-01", "",
                "ods:" + trust);
        }
        ++orgs;
        w.rel(trust, "cqc", "regulated_by", "statutory", "2009-04-01", "");
        w.rel(trust, osc, "scrutinised_by", "statutory", "2013-04-01", "");
        w.rel(trust, region, "performance_managed_by", "statutory", "2013-04-01", "");
        w.rel(trust, sys, "member_of", "shadow", "2016-03-01", "");
        w.rel(ccg, trust, "commissions", "statutory", "2013-04-01", "2022-06-30");
        w.rel(sys, trust, "commissions", "statutory", "2022-07-01", "");
      }
      for (int g = 0; g < kPracticesPerPlace; ++g) {
        const std::string gp = num("G", 1000000 + place * kPracticesPerPlace + g);
        w.org(gp, "Practice " + gp, "gp_practice", "", "2004-04-01", "", "ods:" + gp);
        ++orgs;
        w.rel(gp, ccg, "member_of", "statutory", "2013-04-01", "2022-06-30");
        w.rel(gp, pcn, "member_of", "statutory", "2019-07-01", "");
        w.rel(gp, "cqc", "regulated_by", "statutory", "2013-04-01", "");
        w.rel(ccg, gp, "commissions", "statutory", "2013-04-01", "2022-06-30");
        w.rel(gp, sys, "performance_managed_by", "statutory", "2022-07-01", "");
        w.rel(gp, ccg, "part_of", "statutory", "2013-04-01", "2022-06-30");
        w.rel(gp, sys, "part_of", "statutory", "2022-07-01", "");
      }
    }
  }
  std::fprintf(stderr, "gen_governance: %ld organisations, %ld period rows, %ld relationships\n",
               orgs, w.org_rows_, w.rel_rows_);
  return 0;
}
