// Fuzz target: a workload file (estimate --workload), then the traffic profile of each of its workloads, as the
// engine builds it (build_profile's std::invalid_argument for an impossible shape or rate is its documented
// rejection, which the engine turns into an InputError).

#include "fuzz_target.hpp"

#include <bedrock_cost/workload/workload.hpp>

#include <sstream>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bedrock_cost;
  const std::string text = fuzz::text_of(data, size);
  fuzz::run_input({"workload.json"}, [&] {
    std::istringstream in(text);
    const workload::WorkloadFile file = workload::load_workload_file(in, "workload.json", "us-east-1");
    for (const workload::WorkloadSpec& spec : file.workloads) {
      try {
        static_cast<void>(workload::build_profile(spec));
      } catch (const std::invalid_argument&) {
      }
    }
  });
  return 0;
}
