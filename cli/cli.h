// cli: the command line of ../shared/spec/cli.md. main() is a thin shell
// around RunCli, which tests call in-process.
#ifndef KG_CLI_CLI_H_
#define KG_CLI_CLI_H_

#include <ostream>
#include <string>
#include <vector>

#include "base/base.h"

namespace kg {

// Runs `kg ARGS...` (args exclude the program name). Data goes to `out`,
// messages to `err`. Returns the exit status: 0 ok, 1 failed, 2 usage.
int RunCli(const std::vector<std::string>& args, Env& env, std::ostream& out,
           std::ostream& err);

}  // namespace kg

#endif  // KG_CLI_CLI_H_
