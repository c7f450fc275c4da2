package io.mirador.bench;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.mirador.cluster.record.filter.Filter;
import io.mirador.cluster.record.filter.FilterRecord;

/**
 * Record filter throughput, in memory (no broker): a typical JSON-path filter, a plain text search and a regex
 * over generated 1 KB JSON records, on one thread and on all cores; records/s, median of the runs. Target: a
 * search scans 100,000+ records/s on 2 cores.
 *
 * <p>The records are distinct objects, but their values come from a pool of distinct JSON documents (20,000 by
 * default, about 20 MB) so that a million records do not need a gigabyte of heap; every record is still
 * decoded and parsed on its own, as in a real scan.
 * Usage: {@code java -cp bench/target/mirador-bench.jar io.mirador.bench.FilterBenchmark [records] [runs] [pool]}.
 */
public final class FilterBenchmark {

    private static final String[] FILTERS = {
        "value.customer.country == \"DE\" and value.total > 100 and value.items[*].sku == \"SKU-00042\"",
        "\"order-000777\"",
        "value icontains \"express\" and headers.source == \"web\"",
        "value matches \"\\\"status\\\":\\\"FAIL(ED|URE)\\\"\"",
    };

    private FilterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pool = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int cores = Runtime.getRuntime().availableProcessors();
        FilterRecord[] records = generate(count, pool);
        System.out.printf("Record filters, %,d records of ~%d bytes (pool of %,d values), %d runs each, %d cores%n",
                count, records[0].value().length, pool, runs, cores);

        for (String expression : FILTERS) {
            Filter filter = Filter.compile(expression);
            scan(filter, records, 1); // warm-up: JIT, and the first pass over the data
            Stats single = new Stats();
            Stats parallel = new Stats();
            long matches = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                matches = scan(filter, records, 1);
                single.add(count / ((System.nanoTime() - start) / 1e9));
                start = System.nanoTime();
                scan(filter, records, cores);
                parallel.add(count / ((System.nanoTime() - start) / 1e9));
            }
            System.out.println(filter);
            System.out.printf("  1 thread : %,10.0f records/s  (min %,.0f, max %,.0f)%n", single.median(), single.min(),
                    single.max());
            System.out.printf("  %d threads: %,10.0f records/s  (min %,.0f, max %,.0f)   matches: %,d%n", cores,
                    parallel.median(), parallel.min(), parallel.max(), matches);
        }
    }

    /** Counts matches, splitting the array into one contiguous slice per thread. */
    private static long scan(Filter filter, FilterRecord[] records, int threads) throws InterruptedException {
        AtomicLong matches = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        int slice = (records.length + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            int from = t * slice;
            int to = Math.min(records.length, from + slice);
            Thread worker = new Thread(() -> {
                long n = 0;
                for (int i = from; i < to; i++) {
                    if (filter.test(records[i])) {
                        n++;
                    }
                }
                matches.addAndGet(n);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return matches.get();
    }

    private static FilterRecord[] generate(int count, int poolSize) {
        Random random = new Random(42);
        byte[][] values = new byte[poolSize][];
        for (int i = 0; i < poolSize; i++) {
            values[i] = order(random, i).getBytes(StandardCharsets.UTF_8);
        }
        List<Map.Entry<String, byte[]>> web = List.of(header("source", "web"), header("trace-id", "t-1"));
        List<Map.Entry<String, byte[]>> app = List.of(header("source", "app"), header("trace-id", "t-2"));
        FilterRecord[] records = new FilterRecord[count];
        long t0 = 1_795_000_000_000L;
        for (int i = 0; i < count; i++) {
            byte[] key = String.format("order-%06d", i % 1_000_000).getBytes(StandardCharsets.UTF_8);
            records[i] = FilterRecord.of(i % 12, i / 12, t0 + i, key, values[random.nextInt(poolSize)],
                    i % 3 == 0 ? web : app);
        }
        return records;
    }

    /** An order document of about 1 KB: nested customer, a few line items, free-text notes. */
    private static String order(Random random, int n) {
        String[] countries = {"DE", "FR", "NL", "US", "GB", "ES"};
        String[] statuses = {"NEW", "PAID", "SHIPPED", "FAILED", "FAILURE", "REFUNDED"};
        StringBuilder json = new StringBuilder(1100);
        json.append("{\"id\":\"ord-").append(n).append("\",\"status\":\"")
                .append(statuses[random.nextInt(statuses.length)]).append("\",\"createdAt\":\"2026-11-25T10:")
                .append(10 + random.nextInt(50)).append(":00Z\",\"customer\":{\"id\":").append(random.nextInt(100_000))
                .append(",\"name\":\"Customer ").append(n).append("\",\"email\":\"c").append(n)
                .append("@example.com\",\"country\":\"").append(countries[random.nextInt(countries.length)])
                .append("\",\"vip\":").append(random.nextInt(10) == 0).append("},\"items\":[");
        int items = 3 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(String.format("%05d", random.nextInt(200)))
                    .append("\",\"qty\":").append(1 + random.nextInt(4)).append(",\"price\":")
                    .append(random.nextInt(20_000) / 100.0).append(",\"title\":\"Item number ").append(i)
                    .append(" with a reasonably descriptive title\"}");
        }
        json.append("],\"total\":").append(random.nextInt(50_000) / 100.0).append(",\"shipping\":{\"method\":\"")
                .append(random.nextInt(4) == 0 ? "express" : "standard")
                .append("\",\"address\":{\"street\":\"Main Street ").append(random.nextInt(200))
                .append("\",\"city\":\"Springfield\",\"zip\":\"").append(10_000 + random.nextInt(89_999))
                .append("\"}},\"notes\":\"");
        while (json.length() < 1000) {
            json.append("lorem ipsum dolor sit amet ");
        }
        return json.append("\"}").toString();
    }

    private static Map.Entry<String, byte[]> header(String name, String value) {
        return new SimpleImmutableEntry<>(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
