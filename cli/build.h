// `govmap build`: turn a folder of maps into every output their map.toml files
// define, rebuilding only what changed.
//
// Every map folder under MAPS_DIR that has a map.toml is imported, all
// together, into a fresh database; each [[output]] is produced in each of its
// formats as OUT_DIR/<map folder>/<name>.<format>. An output's cache key is the
// SHA-256 of the govmap version, every input file of every map (the maps refer
// to each other, so any change may move any picture) and the output's own
// definition. OUT_DIR/.govmap-build.json records each output's key and the
// SHA-256 of the bytes written; an output is rebuilt when it is missing, its
// key changed, or its file no longer matches what was written. Every file is
// written atomically (temporary file + rename). The database the outputs were
// made from is kept as OUT_DIR/govmap.db for people who want to query it.
#ifndef GOVMAP_CLI_BUILD_H_
#define GOVMAP_CLI_BUILD_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace govmap {

struct BuildOptions {
  std::string maps_dir = "maps";
  std::string out_dir = "out";
  bool check = false;  // write nothing; report missing or stale outputs
  bool force = false;  // rebuild everything
};

struct BuildResult {
  std::vector<std::string> built, unchanged, removed;
  std::vector<std::string> stale;  // --check: missing or out of date (with reason)
};

// Prints one line per action to out. Throws Error naming the file on failure;
// outputs finished before the failure stay recorded in the manifest.
BuildResult run_build(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace govmap

#endif  // GOVMAP_CLI_BUILD_H_
