// The write path of ingest: a ChangeSet becomes one revision, in one
// transaction (graph/writer.h keeps the rules every write follows).
#include <SQLiteCpp/SQLiteCpp.h>

#include "graph/graph.h"
#include "graph/writer.h"

namespace kg {

ApplyResult Store::Apply(const ChangeSet& changes) {
  return ApplyStream(changes.kind, changes.message, [&](DocumentSink& sink) {
    for (const DocumentInput& doc : changes.documents) sink.Write(doc);
    for (const std::string& uri : changes.forget) sink.Forget(uri);
  });
}

ApplyResult Store::ApplyStream(const std::string& kind, const std::string& message,
                               const std::function<void(DocumentSink&)>& produce) {
  class Sink : public DocumentSink {
   public:
    explicit Sink(internal::RevisionWriter& w) : w_(w) {}
    void Write(const DocumentInput& doc) override {
      internal::DocState state = internal::ToDocState(doc, &dropped);
      w_.WriteDocument(doc.uri, &state);
    }
    void Forget(const std::string& uri) override { w_.WriteDocument(uri, nullptr); }
    const ApplyResult& result() const override { return w_.result(); }
    void SetMessage(const std::string& message) override { w_.SetMessage(message); }
    int dropped = 0;

   private:
    internal::RevisionWriter& w_;
  };
  try {
    internal::RevisionWriter w(*db_, env_, kind, message);
    Sink sink(w);
    produce(sink);
    w.result().facts_skipped += sink.dropped;
    w.Commit();
    return w.result();
  } catch (const SQLite::Exception& e) {
    internal::ThrowWriteError(path_, e, *db_);
  }
}

}  // namespace kg
