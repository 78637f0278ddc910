package org.melkit.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.melkit.io.Csv;
import org.melkit.io.Npy;

/**
 * An extract build as one Parquet dataset, {@code OUT/features.parquet/}: one row per written
 * feature, sorted by source, with {@code source} (path below the input), {@code class},
 * {@code label}, {@code shape} (librosa's, {@code [n_mels, frames]}) and {@code features} (the
 * float32 values in C order, {@code np.asarray(row.features).reshape(row.shape)}). Spark, pandas
 * ({@code pd.read_parquet}) and pyarrow read it unchanged. The {@code .npy} files stay the
 * source of truth: the table is rebuilt from them, on the executors.
 */
public final class ParquetFeatures {
    /** The folder below an extract output that holds the Parquet dataset. */
    public static final String NAME = "features.parquet";

    private ParquetFeatures() {}

    /** The schema: source string, class string, label int, shape array&lt;int&gt;, features array&lt;float&gt;. */
    public static StructType schema() {
        return new StructType()
                .add("source", DataTypes.StringType, false)
                .add("class", DataTypes.StringType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    }

    /**
     * Writes the features an extract build in {@code folder} lists in its {@code metadata.csv}
     * as {@code folder/features.parquet} (replacing an earlier one); returns that path.
     */
    public static Path write(SparkSession spark, Path folder) {
        List<List<String>> csv = Csv.read(folder.resolve("metadata.csv"));
        if (csv.isEmpty() || !csv.get(0).equals(List.of("path", "label", "class", "source"))) {
            throw new IllegalArgumentException(folder + " holds no extract metadata.csv (path,label,class,source); run extract first");
        }
        List<String[]> rows = new ArrayList<>();
        for (List<String> r : csv.subList(1, csv.size())) {
            if (r.size() == 4) {
                rows.add(new String[] {r.get(3), r.get(2), r.get(1), r.get(0)});
            }
        }
        String root = folder.toAbsolutePath().toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(rows.size(), jsc.defaultParallelism() * 2));
        JavaRDD<Row> table = jsc.parallelize(rows, slices).map(r -> {
            Npy.Array a = Npy.read(Path.of(root).resolve(r[3]));
            Integer[] shape = new Integer[a.shape().length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = a.shape()[i];
            }
            Float[] values = new Float[a.data().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = a.data()[i];
            }
            return RowFactory.create(r[0], r[1], Integer.parseInt(r[2]), shape, values);
        });
        Dataset<Row> df = spark.createDataFrame(table, schema()).orderBy("source");
        Path out = folder.resolve(NAME);
        df.write().mode(SaveMode.Overwrite).parquet(out.toUri().toString());
        return out;
    }
}
