# cmake -DBIN=… -DWHAT=bash|zsh|man -DOUT=… -P generate_doc.cmake: writes `bedrock-cost completion WHAT` to OUT.
get_filename_component(dir "${OUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
execute_process(COMMAND "${BIN}" completion "${WHAT}" OUTPUT_FILE "${OUT}.tmp" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "bedrock-cost completion ${WHAT} failed: ${status}")
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
