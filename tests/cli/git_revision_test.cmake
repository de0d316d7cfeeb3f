# Runs cli/git_revision.cmake as the build does, on: the checkout (its HEAD, when it is a git
# checkout), a folder outside any repository, a subfolder of the checkout, and the checkout without
# a git program. All but the first must say "unknown", as a build from a source tarball does.
#   cmake -DSOURCE_DIR=<checkout> -DWORK_DIR=<scratch folder> -P git_revision_test.cmake
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
# WORK_DIR may be inside the checkout (the build folder); this one is not.
set(tmp "$ENV{TMPDIR}")
if(tmp STREQUAL "")
  set(tmp /tmp)
endif()
string(RANDOM LENGTH 12 suffix)
set(outside_dir "${tmp}/migrate-git-revision-${suffix}")
file(MAKE_DIRECTORY "${outside_dir}")

# Sets `out` to the revision git_revision.cmake writes for `folder`; extra arguments go to cmake.
function(revision_of folder out)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${folder} -DOUTPUT=${WORK_DIR}/revision.cc ${ARGN}
                          -P ${SOURCE_DIR}/cli/git_revision.cmake
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "git_revision.cmake failed on ${folder}")
  endif()
  file(READ "${WORK_DIR}/revision.cc" text)
  file(REMOVE "${WORK_DIR}/revision.cc")
  if(NOT text MATCHES "kGitRevision\\[\\] = \"([^\"]*)\";")
    message(FATAL_ERROR "no kGitRevision in:\n${text}")
  endif()
  set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND git -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                OUTPUT_VARIABLE head RESULT_VARIABLE not_a_checkout OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
revision_of("${SOURCE_DIR}" checkout)
if(not_a_checkout)
  set(head "unknown")
endif()
if(NOT checkout MATCHES "^${head}(-dirty)?$")
  message(FATAL_ERROR "the checkout's revision is '${checkout}', HEAD is '${head}'")
endif()

revision_of("${outside_dir}" outside)
file(REMOVE_RECURSE "${outside_dir}")
revision_of("${SOURCE_DIR}/cli" subfolder)
revision_of("${SOURCE_DIR}" no_git -DGIT_EXECUTABLE=${WORK_DIR}/no-such-git)
foreach(case outside subfolder no_git)
  if(NOT ${case} STREQUAL "unknown")
    message(FATAL_ERROR "${case}: '${${case}}' instead of 'unknown'")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "checkout: ${checkout}; outside, subfolder and without git: unknown")
