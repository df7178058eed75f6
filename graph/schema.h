// Internal to graph/: the SQL schema and its migrations.
#ifndef KG_GRAPH_SCHEMA_H_
#define KG_GRAPH_SCHEMA_H_

#include <string>

namespace SQLite {
class Database;
}

namespace kg {

int SchemaVersion();
// Brings the store at `path` up to SchemaVersion(), one transaction a step.
void Migrate(SQLite::Database& db, const std::string& path);

}  // namespace kg

#endif  // KG_GRAPH_SCHEMA_H_
