# Compiler warnings and sanitizers, applied per target so third-party code is untouched.
function(govmap_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                         -Woverloaded-virtual -Wnull-dereference)
  if(GOVMAP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(GOVMAP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(GOVMAP_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
