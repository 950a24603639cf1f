// Path names and folder listings: the last component of a path and the folder
// that holds it, for labels in messages and outputs and for finding files
// beside a file, and the sorted entries of a folder.
//
// base_name and parent_dir work on the text of the path only (no file system
// access, no symbolic links resolved): trailing slashes are ignored, "/" is
// the only separator, and the answers are the same whatever the working
// folder, which keeps notes and messages that name files stable between runs.
#ifndef GOVMAP_CORE_PATH_H_
#define GOVMAP_CORE_PATH_H_

#include <string>
#include <vector>

namespace govmap {

// The last component: "maps/syb/" -> "syb", "a/b.csv" -> "b.csv", "x" -> "x",
// "/" -> "/".
std::string base_name(const std::string& path);

// The folder holding the last component: "maps/syb/" -> "maps", "x" -> ".",
// "/x" -> "/".
std::string parent_dir(const std::string& path);

// The names of the entries of folder dir (files and folders, without "." and
// ".."), sorted bytewise so that whatever is derived from a listing does not
// depend on the file system's order. Throws Error(kIo) if dir cannot be read.
std::vector<std::string> folder_entries(const std::string& dir);

}  // namespace govmap

#endif  // GOVMAP_CORE_PATH_H_
