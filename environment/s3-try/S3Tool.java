import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.melkit.io.Npy;

/**
 * environment/s3-try.sh's helper, through the Hadoop FileSystem API (so through S3A there), with
 * the Hadoop settings of $HADOOP_CONF_DIR/core-site.xml on the class path:
 * <pre>
 *   put LOCAL_DIR URI        upload a folder
 *   get URI LOCAL_DIR        download a folder (listFiles(recursive): s3rver lists no folder that holds only folders)
 *   race URI ROUNDS          two writers create(overwrite=false) the same new file at once: does only one win?
 *   parquet PARQUET CLI_DIR  every row of a downloaded features.parquet equals the CLI's .npy of its source
 * </pre>
 */
public class S3Tool {
    public static void main(String[] a) throws Exception {
        Configuration conf = new Configuration();
        switch (a[0]) {
            case "put" -> {
                org.apache.hadoop.fs.Path s = new org.apache.hadoop.fs.Path(new File(a[1]).toURI());
                org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(a[2]);
                FileUtil.copy(s.getFileSystem(conf), s, d.getFileSystem(conf), d, false, true, conf);
            }
            case "get" -> {
                org.apache.hadoop.fs.Path s = new org.apache.hadoop.fs.Path(a[1]);
                FileSystem fs = s.getFileSystem(conf);
                String base = fs.getFileStatus(s).getPath().toString();
                var it = fs.listFiles(s, true);
                while (it.hasNext()) {
                    org.apache.hadoop.fs.Path p = it.next().getPath();
                    Path f = Path.of(a[2], p.toString().substring(base.length() + 1));
                    Files.createDirectories(f.getParent());
                    try (InputStream in = fs.open(p)) {
                        Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            case "race" -> race(conf, a[1], Integer.parseInt(a[2]));
            case "parquet" -> System.exit(parquet(Path.of(a[1]), Path.of(a[2])));
            default -> throw new IllegalArgumentException("command=" + a[0] + " must be put, get, race or parquet");
        }
    }

    private static void race(Configuration conf, String dir, int rounds) throws Exception {
        conf.setBoolean("fs.s3a.impl.disable.cache", true); // two clients, as two runs would have
        int both = 0;
        for (int r = 0; r < rounds; r++) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir + "/race-" + System.nanoTime() + "-" + r + ".lock");
            FileSystem[] fs = {p.getFileSystem(conf), p.getFileSystem(conf)};
            CyclicBarrier go = new CyclicBarrier(2);
            AtomicInteger won = new AtomicInteger();
            ExecutorService ex = Executors.newFixedThreadPool(2);
            Future<?>[] f = new Future<?>[2];
            for (int t = 0; t < 2; t++) {
                int id = t;
                f[t] = ex.submit(() -> {
                    go.await();
                    try (FSDataOutputStream out = fs[id].create(p, false)) {
                        out.write(("writer " + id + "\n").getBytes());
                    }
                    won.incrementAndGet();
                    return null;
                });
            }
            for (Future<?> x : f) {
                try {
                    x.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    System.out.println("round " + r + ": one writer refused: " + e.getCause().getClass().getSimpleName());
                }
            }
            ex.shutdown();
            both += won.get() == 2 ? 1 : 0;
            fs[0].delete(p, false);
        }
        System.out.println("create(overwrite=false) race: both writers won in " + both + " of " + rounds + " rounds");
    }

    private static int parquet(Path parquet, Path cli) throws Exception {
        Map<String, String> npy = new HashMap<>();
        try (Reader r = Files.newBufferedReader(cli.resolve("metadata.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                npy.put(rec.get("source"), rec.get("path"));
            }
        }
        SparkSession spark = SparkSession.builder().master("local[1]").appName("s3-try-check")
                .config("spark.ui.enabled", "false").getOrCreate();
        List<Row> rows = spark.read().parquet(parquet.toString()).collectAsList();
        int differ = 0;
        for (Row row : rows) {
            Npy.Array ref = Npy.read(cli.resolve(npy.get(row.<String>getAs("source"))));
            List<Integer> shape = row.getList(row.fieldIndex("shape"));
            List<Float> values = row.getList(row.fieldIndex("features"));
            float[] got = new float[values.size()];
            for (int i = 0; i < got.length; i++) {
                got[i] = values.get(i);
            }
            if (!Arrays.equals(ref.shape(), shape.stream().mapToInt(Integer::intValue).toArray()) || !Arrays.equals(ref.data(), got)) {
                differ++;
            }
        }
        spark.stop();
        System.out.println("parquet: " + rows.size() + " rows, " + npy.size() + " CLI features, " + differ + " differ");
        return differ == 0 && rows.size() == npy.size() ? 0 : 1;
    }
}
