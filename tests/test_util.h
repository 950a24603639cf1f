// Helpers shared by the unit tests: temporary folders and small maps written
// from inline text.
#ifndef GOVMAP_TESTS_TEST_UTIL_H_
#define GOVMAP_TESTS_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace govmap::test {

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "govmap-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes a map folder dir/name with the three files; returns its path.
inline std::string write_map(const TempDir& dir, const std::string& name, const std::string& sources,
                             const std::string& orgs, const std::string& rels) {
  std::string folder = dir.file(name);
  write_text(folder + "/sources.csv", sources);
  write_text(folder + "/organisations.csv", orgs);
  write_text(folder + "/relationships.csv", rels);
  return folder;
}

// A small valid map used as a base by many tests.
inline const char* kSources =
    "id,title,publisher,url,date\n"
    "s1,Act,legislation.gov.uk,https://example.org/act,2012-03-27\n"
    "s2,Guide,NHS England,https://example.org/guide,\n";
inline const char* kOrgs =
    "id,name,kind,tier,valid_from,valid_to,identifiers,source\n"
    "voters,Electorate of Sheffield,electorate,,1974-04-01,,,s1\n"
    "la,Sheffield City Council,local_authority,metropolitan_borough,1974-04-01,,ons:E08000019,s1\n"
    "03N,NHS Sheffield CCG,ccg,,2013-04-01,2022-06-30,ods:03N;ons:E38000146,s1\n"
    "osc,Sheffield health scrutiny,osc,,2013-04-01,,,s1\n"
    "QF7,SYB STP,stp,,2016-03-01,2018-01-31,ods:QF7,s2\n"
    "QF7,SYB ICS,ics,,2018-02-01,2022-06-30,,s2\n"
    "QF7,NHS South Yorkshire ICB,icb,,2022-07-01,,,s1\n";
inline const char* kRels =
    "from,to,kind,layer,valid_from,valid_to,legal_basis,source,note\n"
    "la,voters,elected_by,statutory,1974-04-01,,Local Government Act 1972,s1,\n"
    "osc,la,committee_of,statutory,2013-04-01,,NHS Act 2006 s244,s1,\n"
    "03N,osc,scrutinised_by,statutory,2013-04-01,2022-06-30,NHS Act 2006 s244,s1,\n"
    "E38000146,QF7,member_of,shadow,2016-03-01,2022-06-30,,s2,\"a note, with a comma\"\n"
    "03N,QF7,succeeded_by,statutory,2022-06-30,2022-06-30,Health and Care Act 2022,s1,\n";

}  // namespace govmap::test

#endif  // GOVMAP_TESTS_TEST_UTIL_H_
