#include "cli/extract_pipeline.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "sitrep/record.h"

namespace sitrep::cli {
namespace {

// One document in flight: coded by a worker, written by the reader thread in order.
struct Slot {
  Document doc;
  std::string jsonl, errors;
  uint64_t records = 0;
  bool taken = false, done = false;
};

void Code(const Extractor& extractor, Slot* s) {
  auto res = extractor.Extract(s->doc);
  if (!res.ok()) {
    s->errors = s->doc.origin + ": " + res.status().ToString() + "\n";
    return;
  }
  for (const Warning& w : res->warnings)
    s->errors += s->doc.origin + ": byte " + std::to_string(w.offset) + ": " + w.message + "\n";
  for (const EventRecord& r : res->records) {
    AppendJson(&s->jsonl, r);
    s->jsonl.push_back('\n');
  }
  s->records = res->records.size();
}

}  // namespace

Status RunExtractPipeline(const Extractor& extractor, unsigned threads,
                          const std::function<Status(const DocumentCallback&)>& read,
                          const std::function<void(const Document&, const std::string& jsonl,
                                                   const std::string& errors)>& write,
                          PipelineResult* result) {
  PipelineResult local;
  PipelineResult& out = result ? *result : local;
  auto emit = [&](const Slot& s) {
    write(s.doc, s.jsonl, s.errors);
    ++out.documents;
    out.records += s.records;
    out.output_bytes += s.jsonl.size();
  };
  if (threads <= 1) {
    // One slot for all documents: its buffers keep their capacity from one to the next.
    Slot s;
    return read([&](Document&& d) {
      s.doc = std::move(d);
      s.jsonl.clear();
      s.errors.clear();
      s.records = 0;
      Code(extractor, &s);
      emit(s);
    });
  }

  // A window of documents in input order: the reader appends and writes out the finished
  // front; workers take the oldest untaken one. The window is bounded so that memory stays
  // flat however long the input.
  const size_t max_window = 64 * static_cast<size_t>(threads);
  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::deque<Slot> window;  // references stay valid: only push_back and pop_front
  size_t first_untaken = 0;  // index into window
  bool finished = false;

  auto worker = [&] {
    for (;;) {
      Slot* s = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [&] { return first_untaken < window.size() || finished; });
        if (first_untaken >= window.size()) return;  // finished and nothing left
        s = &window[first_untaken++];
        s->taken = true;
      }
      Code(extractor, s);
      {
        std::lock_guard<std::mutex> lock(mu);
        s->done = true;
      }
      done_cv.notify_one();
    }
  };
  // Writes the finished documents at the front of the window (called with `lock` held; the
  // write itself runs unlocked so that workers go on).
  auto drain = [&](std::unique_lock<std::mutex>& lock) {
    while (!window.empty() && window.front().done) {
      Slot s = std::move(window.front());
      window.pop_front();
      --first_untaken;
      lock.unlock();
      emit(s);
      lock.lock();
    }
  };

  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  Status status = read([&](Document&& d) {
    std::unique_lock<std::mutex> lock(mu);
    drain(lock);
    done_cv.wait(lock, [&] { return window.size() < max_window || window.front().done; });
    drain(lock);
    window.emplace_back();
    window.back().doc = std::move(d);
    lock.unlock();
    work_cv.notify_one();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    finished = true;
    work_cv.notify_all();
    while (!window.empty()) {
      done_cv.wait(lock, [&] { return window.front().done; });
      drain(lock);
    }
  }
  for (auto& t : pool) t.join();
  return status;
}

}  // namespace sitrep::cli
