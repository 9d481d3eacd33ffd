# SPDX-License-Identifier: MIT
#
# cmake -DPROGRAM=path [-DWRAPPER=a;b] -P expect_success.cmake
# Runs the program; passes only if it exits with status 0 and its output
# has a line SUCCESS (so a crash after the line, or a sanitizer's exit
# status, still fails).
execute_process(COMMAND ${WRAPPER} ${PROGRAM}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT status STREQUAL "0")
  message(FATAL_ERROR "${PROGRAM} exited with ${status}")
endif()
if(NOT out MATCHES "(^|\n)SUCCESS\n")
  message(FATAL_ERROR "${PROGRAM} did not print SUCCESS")
endif()
