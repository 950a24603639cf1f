# Compiler warnings and sanitizers, applied per target so third-party code is untouched.
# Not -Wnull-dereference: at -O2 it fires inside nlohmann/json.hpp, whatever the
# system-header suppression, and would break -Werror release builds.
function(govmap_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                         -Woverloaded-virtual)
  if(GOVMAP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# -O1: the sanitizers' own advice (clang and GCC docs): several times faster
# than -O0 and still exact stack traces with -fno-omit-frame-pointer.
if(GOVMAP_SANITIZE)
  add_compile_options(-O1 -fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # GCC's -Wmaybe-uninitialized gives false positives under the sanitizers
  # (GCC's manual says so for -fsanitize): at -O1 it fires inside libstdc++'s
  # <regex> (std::function in the NFA) in two tests, and -Werror in CI would
  # stop the build. The optimised build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()

if(GOVMAP_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
