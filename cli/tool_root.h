// Where relative file options of config.xml are looked up second, as Magento looks them up in its
// own root: $MIGRATE_TOOL_ROOT when set, else the nearest folder above the config file that holds
// an etc/ folder (for Magento's stock files, the Data Migration Tool's root), else "".
#ifndef MIGRATE_CLI_TOOL_ROOT_H_
#define MIGRATE_CLI_TOOL_ROOT_H_

#include <string>

namespace migrate::cli {

std::string FindToolRoot(const std::string& config_path);

}  // namespace migrate::cli

#endif  // MIGRATE_CLI_TOOL_ROOT_H_
