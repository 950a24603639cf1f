// Writing an output file atomically: the bytes go to a temporary file in the
// same folder, which is flushed and then renamed over the target. A reader sees
// the old file or the whole new one, never a half-written one, and a failed
// write leaves no temporary file behind. A target that is a FIFO or a character
// device is written through in place instead (it is never replaced); a folder
// or any other kind of file is refused.
#ifndef GOVMAP_RENDER_OUTPUT_FILE_H_
#define GOVMAP_RENDER_OUTPUT_FILE_H_

#include <string>

namespace govmap {

// Throws Error(kIo) naming the path when anything fails.
void write_file_atomically(const std::string& path, const std::string& bytes);

}  // namespace govmap

#endif  // GOVMAP_RENDER_OUTPUT_FILE_H_
