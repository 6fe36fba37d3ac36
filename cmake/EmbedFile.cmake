# embed_file(<target> <input> <symbol>): compile <input> into <target> as
# `extern const std::string_view <symbol>` in namespace bedrock_cost::embedded, regenerated when it changes.
function(embed_file target input symbol)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_file_script.cmake"
    DEPENDS "${input}" "${PROJECT_SOURCE_DIR}/cmake/embed_file_script.cmake"
    COMMENT "Embedding ${input}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
