#include <bedrock_cost/cli/run.hpp>

#include <iostream>

int main(int argc, char** argv) { return bedrock_cost::cli::run(argc, argv, std::cin, std::cout, std::cerr); }
