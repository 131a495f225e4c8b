import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Prints what a wrong rewrite of the image would change, one key=value line each, then exits. */
public class Main {
  static String json(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) b.append(',');
      b.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append(']').toString();
  }

  static String status(String field) throws Exception {
    for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (l.startsWith(field)) return l.substring(field.length()).trim().split("\\s+")[0];
    }
    return "?";
  }

  static String ca() {
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      X509TrustManager tm = (X509TrustManager) f.getTrustManagers()[0];
      return tm.getAcceptedIssuers().length > 0 ? "ok" : "FAIL empty truststore";
    } catch (Exception e) {
      return "FAIL " + e;
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.println("jar=" + Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    System.out.println("args=" + json(List.of(args)));
    System.out.println("jvm=" + json(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println("uid=" + status("Uid:"));
    System.out.println("gid=" + status("Gid:"));
    System.out.println("cwd=" + System.getProperty("user.dir"));
    System.out.println("home=" + System.getenv().getOrDefault("HOME", ""));
    List<String> app = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
      if (e.getKey().startsWith("APP_")) app.add(e.getKey() + "=" + e.getValue());
    }
    System.out.println("env=" + json(app));
    System.out.println("property=" + System.getProperty("app.mode", "unset"));
    System.out.println("ca=" + ca());
    String tz = System.getenv("TZ");
    System.out.println("tz=" + (tz == null ? "unset" : tz + " " + DateTimeFormatter.ofPattern("zzz xx")
        .format(Instant.ofEpochSecond(1719835200L).atZone(ZoneId.systemDefault()))));
    System.out.println("java=" + Runtime.version().feature());
  }
}
