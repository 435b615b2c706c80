package dev.passbridge.contracts;

import dev.passbridge.contracts.events.Nullable;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Builds a jqwik arbitrary for any event record from its components, so a new field is covered by
 * the round-trip property without anyone writing a generator for it.
 */
final class EventArbitraries {
  private EventArbitraries() {}

  static <T extends Record> Arbitrary<T> of(Class<T> type) {
    List<Arbitrary<Object>> parts = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Arbitrary<Object> part = forType(c.getGenericType());
      if (c.isAnnotationPresent(Nullable.class)) {
        part = part.injectNull(0.2);
      }
      parts.add(part);
    }
    Constructor<T> constructor = canonical(type);
    return Combinators.combine(parts).as(values -> newInstance(constructor, values));
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<Object> forType(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return forType(args[0]).list().ofMaxSize(4).map(l -> (Object) l);
      }
      return Arbitraries.maps(text(), forType(args[1])).ofMaxSize(4).map(m -> (Object) m);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return text().map(s -> (Object) s);
    }
    if (c == UUID.class) {
      return Arbitraries.longs().tuple2().map(t -> (Object) new UUID(t.get1(), t.get2()));
    }
    if (c == Instant.class) {
      return Arbitraries.longs()
          .between(0, 4_102_444_800_000L)
          .tuple2()
          .map(t -> (Object) Instant.ofEpochMilli(t.get1()).plusNanos(t.get2() % 1_000_000));
    }
    if (c == long.class || c == Long.class) {
      return Arbitraries.longs().between(0, Long.MAX_VALUE).map(l -> (Object) l);
    }
    if (c == boolean.class || c == Boolean.class) {
      return Arbitraries.of(true, false).map(b -> (Object) b);
    }
    if (c.isEnum()) {
      return Arbitraries.of(Arrays.asList(c.getEnumConstants())).map(e -> (Object) e);
    }
    if (c.isRecord()) {
      return of((Class<? extends Record>) c).map(r -> (Object) r);
    }
    throw new IllegalArgumentException("no arbitrary for " + c);
  }

  /** Any non-blank Unicode text, including quotes, backslashes, emoji and control characters. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(s -> !s.isBlank())
        .filter(s -> s.codePoints().allMatch(Character::isDefined));
  }

  private static <T> Constructor<T> canonical(Class<T> type) {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T newInstance(Constructor<T> constructor, List<Object> values) {
    try {
      return constructor.newInstance(values.toArray());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
